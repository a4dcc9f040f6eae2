/**
 * Positions: the opaque replay_id bytes of a Pub/Sub event, persisted by the router as base64.
 * Salesforce says replay ids are opaque and not contiguous, so they are never compared or
 * computed here, only stored and handed back.
 */
import { ReplayPositionInvalidError, type StartPoint } from '../contract.js';
import type { ReplayPreset } from './proto.js';

export function positionOf(replayId: Buffer): string {
    return replayId.toString('base64');
}

/**
 * Turns a persisted position back into replay_id bytes. A string that is not canonical
 * base64 (for example a Streaming API replayId persisted before the transport was switched)
 * cannot be a Pub/Sub position: the router must start over as on a first subscription.
 */
export function replayIdOf(position: string): Buffer {
    const bytes = Buffer.from(position, 'base64');
    if (bytes.length === 0 || bytes.toString('base64') !== position) {
        throw new ReplayPositionInvalidError(`not a Pub/Sub replay position: ${JSON.stringify(position.slice(0, 40))}`);
    }
    return bytes;
}

export interface ReplayStart {
    preset: ReplayPreset;
    replayId?: Buffer;
}

export function replayStartOf(from: StartPoint): ReplayStart {
    switch (from.kind) {
        case 'latest':
            return { preset: 'LATEST' };
        case 'earliest':
            return { preset: 'EARLIEST' };
        case 'after':
            return { preset: 'CUSTOM', replayId: replayIdOf(from.position) };
    }
}
