/**
 * The Streaming transport's position: the last handled replayId of each subscribed channel.
 * With one topic it is the plain decimal replayId (as the contract says); with several (PSR
 * plus the optional AgentWork / UserServicePresence topics) it is a JSON object
 * `{"/topic/A": 12, "/topic/B": 7}`, since replayIds are per channel.
 */
import { ReplayPositionInvalidError } from '../contract.js';

export type Positions = Map<string, number>;

export function encodePositions(positions: Positions, channels: readonly string[]): string {
    if (channels.length === 1) return String(positions.get(channels[0]) ?? -1);
    const out: Record<string, number> = {};
    for (const c of channels) if (positions.has(c)) out[c] = positions.get(c)!;
    return JSON.stringify(out);
}

export function decodePositions(position: string, channels: readonly string[]): Positions {
    const out: Positions = new Map();
    if (/^-?\d+$/.test(position)) {
        out.set(channels[0], Number(position));
        return out;
    }
    let parsed: unknown;
    try {
        parsed = JSON.parse(position);
    } catch {
        parsed = undefined;
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
        throw new ReplayPositionInvalidError(`unreadable Streaming position ${position.slice(0, 60)}`);
    for (const [channel, id] of Object.entries(parsed as Record<string, unknown>)) {
        if (typeof id !== 'number' || !Number.isSafeInteger(id)) throw new ReplayPositionInvalidError(`unreadable replayId for ${channel}`);
        if (channels.includes(channel)) out.set(channel, id);
    }
    return out;
}
