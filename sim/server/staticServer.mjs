/**
 * A static file server for the built preview, on Node's http module only. Serves files
 * under `root` (index.html for "/"), never outside it, with no caching so a rebuild shows
 * on reload. Resolves with { url, port, close() } once listening.
 *
 * crossOriginIsolated: true adds COOP/COEP headers, which make the page cross-origin
 * isolated: Chromium then gives performance.now() 5 us resolution instead of 100 us (the
 * panel benchmark needs it). Every file here is same-origin, so nothing else changes.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';

const TYPES = {
    '.html': 'text/html; charset=utf-8',
    '.js': 'text/javascript; charset=utf-8',
    '.mjs': 'text/javascript; charset=utf-8',
    '.css': 'text/css; charset=utf-8',
    '.map': 'application/json; charset=utf-8',
    '.json': 'application/json; charset=utf-8',
    '.svg': 'image/svg+xml',
    '.png': 'image/png',
    '.jpg': 'image/jpeg',
    '.gif': 'image/gif',
    '.ico': 'image/x-icon',
    '.woff': 'font/woff',
    '.woff2': 'font/woff2'
};

export function startStaticServer({ root, port = 0, host = '127.0.0.1', log = null, crossOriginIsolated = false } = {}) {
    const base = path.resolve(root);
    const extra = crossOriginIsolated
        ? { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' }
        : {};
    const server = http.createServer((req, res) => {
        const send = (status, body, type = 'text/plain; charset=utf-8') => {
            res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...extra });
            res.end(body);
        };
        if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'Method not allowed');
        let pathname;
        try {
            pathname = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
        } catch {
            return send(400, 'Bad request');
        }
        if (pathname.endsWith('/')) pathname += 'index.html';
        const file = path.resolve(base, '.' + pathname);
        if (file !== base && !file.startsWith(base + path.sep)) return send(403, 'Forbidden');
        fs.stat(file, (error, stat) => {
            if (error || !stat.isFile()) {
                log?.(`404 ${pathname}`);
                return send(404, `Not found: ${pathname}`);
            }
            res.writeHead(200, {
                'content-type': TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
                'content-length': stat.size,
                'cache-control': 'no-store',
                ...extra
            });
            if (req.method === 'HEAD') return res.end();
            fs.createReadStream(file).pipe(res);
        });
    });
    return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
            const actual = server.address().port;
            resolve({
                url: `http://${host === '0.0.0.0' ? 'localhost' : host}:${actual}/`,
                port: actual,
                server,
                close: () => new Promise((done) => server.close(() => done()))
            });
        });
    });
}
