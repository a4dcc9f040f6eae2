import { createElement } from 'lwc';
import { createFakeOmni, type FakeOmni } from 'omni-console-kit/testing';
import OmniBusyLightSync from '../omniBusyLightSync';

type BusyLight = HTMLElement & { endpoint: string; lastError: string | null };
let omni: FakeOmni;
let fetchMock: jest.Mock;

beforeEach(() => {
    // The busy light's local HTTP helper: the one boundary jsdom has no implementation of.
    fetchMock = jest.fn().mockResolvedValue({ ok: true });
    (globalThis as { fetch?: unknown }).fetch = fetchMock;
});

afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    omni?.dispose();
    delete (globalThis as { fetch?: unknown }).fetch;
});

async function mount(endpoint: string, capacity = 2): Promise<BusyLight> {
    omni = await createFakeOmni({ capacity });
    const element = createElement('c-omni-busy-light-sync', { is: OmniBusyLightSync }) as unknown as BusyLight;
    element.endpoint = endpoint;
    document.body.appendChild(element);
    await omni.settle();
    return element;
}

const states = () => fetchMock.mock.calls.map(([url]) => new URL(url as string).searchParams.get('state'));

it('sends each change of state once: available, atCapacity (numbers, not strings), busy, offline', async () => {
    await mount('http://localhost:8989/light', 2);
    expect(fetchMock.mock.calls[0][0]).toBe('http://localhost:8989/light?state=available');
    await omni.offer();
    await omni.offer();
    await omni.settle();
    expect(states()).toEqual(['available', 'atCapacity']);
    await omni.widgetStatus('Break');
    await omni.logout();
    expect(states()).toEqual(['available', 'atCapacity', 'busy', 'offline']);
});

it('refuses a URL that is not on localhost, and sends nothing', async () => {
    const errorSpy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const element = await mount('https://example.com/light');
    expect(element.lastError).toContain('localhost');
    expect(errorSpy).toHaveBeenCalled();
    expect(fetchMock).not.toHaveBeenCalled();
});

it('a light that does not answer is reported, and the next change is still sent', async () => {
    fetchMock.mockRejectedValueOnce(new TypeError('Failed to fetch'));
    const element = await mount('http://127.0.0.1:8989/');
    expect(element.lastError).toContain('Failed to fetch');
    await omni.widgetStatus('Break');
    expect(states()).toEqual(['available', 'busy']);
});
