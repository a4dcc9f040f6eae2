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

export function storageWorkTimes(storage: StorageLike | undefined): WorkTimesStore {
    const memory = new Map<string, WorkTimes>();
    const safely = <T>(action: () => T, fallback: T): T => {
        try {
            return storage ? action() : fallback;
        } catch {
            // Storage can be full or blocked (private mode, Locker); the in-memory copy still works.
            return fallback;
        }
    };
    return {
        load(workId) {
            const cached = memory.get(workId);
            if (cached) return cached;
            const stored = safely(() => storage!.getItem(PREFIX + workId), null);
            if (!stored) return null;
            try {
                const parsed = JSON.parse(stored) as WorkTimes;
                const times = {
                    assignedAt: typeof parsed.assignedAt === 'number' ? parsed.assignedAt : null,
                    acceptedAt: typeof parsed.acceptedAt === 'number' ? parsed.acceptedAt : null
                };
                memory.set(workId, times);
                return times;
            } catch {
                return null;
            }
        },
        save(workId, times) {
            memory.set(workId, times);
            safely(() => storage!.setItem(PREFIX + workId, JSON.stringify(times)), undefined);
        },
        remove(workId) {
            memory.delete(workId);
            safely(() => storage!.removeItem(PREFIX + workId), undefined);
        }
    };
}
