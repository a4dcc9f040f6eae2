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
    /**
     * Forgets every work for which `keep` is false: from memory and, with `sweepStorage`,
     * from storage too (times an earlier page left for works that ended meanwhile).
     */
    retain?(keep: (workId: string) => boolean, sweepStorage: boolean): void;
    /** Works held in memory (for tests and the heap benchmark). */
    readonly size?: number;
}

const PREFIX = 'omniConsoleKit.workTimes.';

interface StorageLike {
    getItem(key: string): string | null;
    setItem(key: string, value: string): void;
    removeItem(key: string): void;
    /** Web Storage has these; a store without them is never swept. */
    readonly length?: number;
    key?(index: number): string | null;
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
    const drop = (workId: string): void => {
        try {
            storage?.removeItem(PREFIX + workId);
        } catch {
            // see read()
        }
    };
    const storedWorkIds = (): string[] => {
        const ids: string[] = [];
        try {
            if (!storage || typeof storage.key !== 'function' || typeof storage.length !== 'number') return ids;
            for (let i = 0; i < storage.length; i++) {
                const key = storage.key(i);
                if (key !== null && key.startsWith(PREFIX)) ids.push(key.slice(PREFIX.length));
            }
        } catch {
            // see read()
        }
        return ids;
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
            drop(workId);
        },
        retain(keep, sweepStorage) {
            for (const workId of memory.keys()) {
                if (keep(workId)) continue;
                memory.delete(workId);
                drop(workId);
            }
            if (sweepStorage) for (const workId of storedWorkIds()) if (!keep(workId)) drop(workId);
        },
        get size() {
            return memory.size;
        }
    };
}
