/**
 * Optional new-work alerts the admin switches on: a short chime (Web Audio, so no static
 * resource is needed) and a desktop notification. Browsers and Lightning's security
 * layers may block either; an alert that cannot play is skipped, never an error.
 */
type AudioContextConstructor = new () => {
    currentTime: number;
    destination: unknown;
    createOscillator(): { frequency: { value: number }; connect(node: unknown): void; start(at?: number): void; stop(at?: number): void };
    createGain(): {
        gain: { setValueAtTime(v: number, t: number): void; exponentialRampToValueAtTime(v: number, t: number): void };
        connect(node: unknown): void;
    };
};

export function playChime(): boolean {
    try {
        const globals = globalThis as unknown as { AudioContext?: AudioContextConstructor; webkitAudioContext?: AudioContextConstructor };
        const Context = globals.AudioContext ?? globals.webkitAudioContext;
        if (!Context) return false;
        const audio = new Context();
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

interface NotificationApi {
    permission: string;
    requestPermission(): Promise<string>;
    new (title: string, options?: { body?: string; tag?: string }): unknown;
}

/** Shows a desktop notification, asking for permission the first time. */
export async function notifyDesktop(title: string, body: string): Promise<boolean> {
    try {
        const Api = (globalThis as unknown as { Notification?: NotificationApi }).Notification;
        if (!Api) return false;
        const permission = Api.permission === 'default' ? await Api.requestPermission() : Api.permission;
        if (permission !== 'granted') return false;
        // eslint-disable-next-line no-new -- a Notification shows itself when constructed
        new Api(title, { body, tag: 'omni-console-kit-new-work' });
        return true;
    } catch {
        return false;
    }
}
