/**
 * The toolkit does not say when a work was assigned or accepted. The bridge records it
 * when the events arrive and keeps it in sessionStorage, so a console reload does not
 * reset every timer to "unknown".
 */
import type { WorkTimes } from 'c/omniTypes';

export interface WorkTimesStore {
    load(workId: string): WorkTimes | null;
    save(workId: string, times: WorkTimes): void;
    remove(workId: string): void;
}

const PREFIX = 'omniConsoleKit.workTimes.';

interface StorageLike {
    getItem(key: string): string | null;
    setItem(key: string, value: string): void;
    removeItem(key: string): void;
}

/**
 * Stored as "<assignedAt>,<acceptedAt>" (empty for unknown): written on every assigned
 * and accepted event, so it is kept cheaper than JSON. The JSON form of earlier
 * versions is still read.
 */
function encode(times: WorkTimes): string {
    return `${times.assignedAt ?? ''},${times.acceptedAt ?? ''}`;
}

function decodeTime(text: string | undefined): number | null {
    const n = text ? Number(text) : NaN;
    return Number.isFinite(n) ? n : null;
}

function decode(stored: string): WorkTimes | null {
    if (stored.startsWith('{')) {
        try {
            const parsed = JSON.parse(stored) as Partial<WorkTimes>;
            return {
                assignedAt: typeof parsed.assignedAt === 'number' ? parsed.assignedAt : null,
                acceptedAt: typeof parsed.acceptedAt === 'number' ? parsed.acceptedAt : null
            };
        } catch {
            return null;
        }
    }
    const [assigned, accepted] = stored.split(',');
    return { assignedAt: decodeTime(assigned), acceptedAt: decodeTime(accepted) };
}

export function storageWorkTimes(storage: StorageLike | undefined): WorkTimesStore {
    const memory = new Map<string, WorkTimes>();
    // Storage can be full or blocked (private mode, Locker); the in-memory copy still works.
    const read = (key: string): string | null => {
        try {
            return storage ? storage.getItem(key) : null;
        } catch {
            return null;
        }
    };
    return {
        load(workId) {
            const cached = memory.get(workId);
            if (cached) return cached;
            const stored = read(PREFIX + workId);
            const times = stored ? decode(stored) : null;
            if (times) memory.set(workId, times);
            return times;
        },
        save(workId, times) {
            memory.set(workId, times);
            try {
                storage?.setItem(PREFIX + workId, encode(times));
            } catch {
                // see read()
            }
        },
        remove(workId) {
            memory.delete(workId);
            try {
                storage?.removeItem(PREFIX + workId);
            } catch {
                // see read()
            }
        }
    };
}
