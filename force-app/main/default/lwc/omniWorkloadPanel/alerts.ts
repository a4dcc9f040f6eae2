/**
 * Optional new-work alerts the admin switches on: a short chime (Web Audio, so no static
 * resource is needed) and a desktop notification. Browsers and Lightning's security
 * layers may block either; an alert that cannot play is skipped, never an error.
 *
 * Browsers start an AudioContext "suspended" until the page has had a user gesture, and
 * limit how many a page may open: the panel keeps one (ChimePlayer), resumes it on the
 * rep's clicks (prime) and before each chime. Notification permission is asked only from
 * a click in the panel (requestNotificationPermission), never when work arrives: a prompt
 * out of nowhere is what browsers block and reps dismiss.
 *
 * Lightning Locker as well as Lightning Web Security: under Locker `globalThis` is undefined
 * in a component's code (reported by LWC projects run under Locker; Locker predates
 * `globalThis` and gives components a SecureWindow as `window`), so the browser's APIs are
 * looked up on `window` first. Where neither offers them, the alert is skipped and the panel
 * says that notifications are unavailable.
 */

/** The page's global object as a component sees it: `window` (SecureWindow under Locker, distorted under LWS). */
function pageGlobals(): Record<string, unknown> | null {
    if (typeof window !== 'undefined') return window as unknown as Record<string, unknown>;
    if (typeof globalThis !== 'undefined') return globalThis as unknown as Record<string, unknown>;
    return null;
}
interface AudioParamLike {
    setValueAtTime(value: number, time: number): void;
    exponentialRampToValueAtTime(value: number, time: number): void;
}

export interface AudioContextLike {
    currentTime: number;
    destination: unknown;
    state?: string;
    resume?(): Promise<void>;
    close?(): Promise<void>;
    createOscillator(): { frequency: { value: number }; connect(node: unknown): void; start(at?: number): void; stop(at?: number): void };
    createGain(): { gain: AudioParamLike; connect(node: unknown): void };
}

type AudioContextConstructor = new () => AudioContextLike;

function audioConstructor(): AudioContextConstructor | null {
    const globals = pageGlobals() as { AudioContext?: AudioContextConstructor; webkitAudioContext?: AudioContextConstructor } | null;
    return globals?.AudioContext ?? globals?.webkitAudioContext ?? null;
}

/** One AudioContext for the panel's life: created on first use, resumed when suspended, closed with the panel. */
export class ChimePlayer {
    private context: AudioContextLike | null = null;

    /** Creates or resumes the context; call it from a user gesture so later chimes may sound. */
    prime(): AudioContextLike | null {
        try {
            if (!this.context) {
                const Context = audioConstructor();
                if (!Context) return null;
                this.context = new Context();
            }
            if (this.context.state === 'suspended') this.context.resume?.().catch(() => undefined);
            return this.context;
        } catch {
            return null;
        }
    }

    /** A 0.4 s tone at 880 Hz. False when the browser has no Web Audio or refused. */
    play(): boolean {
        const audio = this.prime();
        if (!audio) return false;
        try {
            const oscillator = audio.createOscillator();
            const gain = audio.createGain();
            oscillator.frequency.value = 880;
            gain.gain.setValueAtTime(0.2, audio.currentTime);
            gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + 0.4);
            oscillator.connect(gain);
            gain.connect(audio.destination);
            oscillator.start();
            oscillator.stop(audio.currentTime + 0.4);
            return true;
        } catch {
            return false;
        }
    }

    dispose(): void {
        const context = this.context;
        this.context = null;
        try {
            context?.close?.().catch(() => undefined);
        } catch {
            // Closing is best effort: the page is going away anyway.
        }
    }
}

interface NotificationApi {
    permission: string;
    requestPermission(): Promise<string>;
    new (title: string, options?: { body?: string; tag?: string }): unknown;
}

export type NotificationPermissionState = 'granted' | 'denied' | 'default' | 'unsupported';

function notificationApi(): NotificationApi | null {
    return (pageGlobals() as { Notification?: NotificationApi } | null)?.Notification ?? null;
}

function asState(permission: string | undefined): NotificationPermissionState {
    return permission === 'granted' || permission === 'denied' || permission === 'default' ? permission : 'unsupported';
}

export function notificationPermission(): NotificationPermissionState {
    try {
        const Api = notificationApi();
        return Api ? asState(Api.permission) : 'unsupported';
    } catch {
        return 'unsupported';
    }
}

/** Asks the browser for permission; call it only from the rep's click. */
export async function requestNotificationPermission(): Promise<NotificationPermissionState> {
    try {
        const Api = notificationApi();
        if (!Api) return 'unsupported';
        return asState(await Api.requestPermission());
    } catch {
        return notificationPermission();
    }
}

/**
 * Shows a desktop notification when the rep has allowed them; never asks. `tag` names the
 * work, so two new works give two notifications and a repeat replaces its own.
 */
export function notifyDesktop(title: string, body: string, tag: string): boolean {
    try {
        const Api = notificationApi();
        if (!Api || Api.permission !== 'granted') return false;
        // eslint-disable-next-line no-new -- a Notification shows itself when constructed
        new Api(title, { body, tag: `omni-console-kit-${tag}` });
        return true;
    } catch {
        return false;
    }
}
