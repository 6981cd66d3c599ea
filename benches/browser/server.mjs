// The bench's static server on 127.0.0.1: every response is held in memory
// and compressed ahead of time (brotli -q 11, else gzip -9, as a CDN would
// send it), so the server costs the same for every contender.
import { createServer } from "node:http";
import { extname } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
};

/** Serves `files` (URL path → Buffer or string). Resolves with origin and close(). */
export function serveFiles(files) {
  const table = new Map();
  for (const [path, content] of Object.entries(files)) {
    const raw = Buffer.from(content);
    table.set(path, {
      type: TYPES[extname(path)] || "application/octet-stream",
      raw,
      br: brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
      gzip: gzipSync(raw, { level: 9 }),
    });
  }
  const server = createServer((req, res) => {
    const entry = table.get(new URL(req.url, "http://x").pathname);
    if (!entry) {
      res.writeHead(404, { "content-type": "text/plain" });
      return res.end("not found");
    }
    const accept = req.headers["accept-encoding"] || "";
    const encoding = /\bbr\b/.test(accept) ? "br" : /\bgzip\b/.test(accept) ? "gzip" : null;
    const headers = { "content-type": entry.type, "cache-control": "no-store", vary: "accept-encoding" };
    if (encoding) headers["content-encoding"] = encoding;
    const body = encoding ? entry[encoding] : entry.raw;
    res.writeHead(200, { ...headers, "content-length": body.length });
    res.end(body);
  });
  return new Promise((ok) =>
    server.listen(0, "127.0.0.1", () => ok({ origin: `http://127.0.0.1:${server.address().port}`, close: () => server.close() })),
  );
}
