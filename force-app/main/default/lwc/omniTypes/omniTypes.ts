/**
 * Omni Console Kit types: the typed model of lightning:omniToolkitAPI and its events,
 * the parsers that turn raw toolkit payloads into it, and the kit's error classes.
 * Import from 'c/omniTypes'.
 */
export * from './ids';
export * from './errors';
export * from './model';
export * from './commands';
export * from './parse';
export * from './envelope';
export * from './snapshot';
