/**
 * The public testing kit (`omni-console-kit/testing` in jest, through the kit's jest preset):
 * the stateful fake Omni for one agent, and its types. Nothing else here is public.
 */
export { createFakeOmni, FakeOmniError } from './fakeOmni';
export type { FakeLogoutReason, FakeOmni, FakeOmniOptions, FakeOmniState, FakeWork, ToolkitCallRecord } from './fakeOmni';
