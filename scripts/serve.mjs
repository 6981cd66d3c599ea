// A small static server for the demo and the end-to-end tests: www/ at /,
// dist/ at /jobwise/ (the path of SPEC §3's script tag). Loopback only.
//   node scripts/serve.mjs [--port 8080]
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, sep } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const mounts = [
  ["/jobwise/", join(root, "dist")],
  ["/", join(root, "www")],
];
const types = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".csv": "text/csv; charset=utf-8",
  ".ts": "text/plain; charset=utf-8",
};

/** Maps a URL path to a file under one of the mounts, never outside them. */
function resolve(pathname) {
  for (const [prefix, dir] of mounts) {
    if (!pathname.startsWith(prefix)) continue;
    const file = normalize(join(dir, decodeURIComponent(pathname.slice(prefix.length))));
    if (file !== dir && !file.startsWith(dir + sep)) return null;
    return file;
  }
  return null;
}

async function handle(req, res) {
  const { pathname } = new URL(req.url, "http://localhost");
  let file = resolve(pathname);
  try {
    if (file && (await stat(file)).isDirectory()) file = join(file, "index.html");
    const body = file ? await readFile(file) : null;
    if (!body) throw new Error("not found");
    res.writeHead(200, {
      "content-type": types[extname(file)] || "application/octet-stream",
      "cache-control": "no-store",
    });
    res.end(body);
  } catch {
    res.writeHead(404, { "content-type": "text/plain" });
    res.end("not found");
  }
}

/** Starts the server; `port` 0 picks a free one. Resolves with its origin. */
export function serve(port = 0) {
  const server = createServer((req, res) => {
    handle(req, res).catch(() => res.end());
  });
  return new Promise((ok) =>
    server.listen(port, "127.0.0.1", () => {
      ok({ origin: `http://127.0.0.1:${server.address().port}`, close: () => server.close() });
    }),
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const i = process.argv.indexOf("--port");
  const { origin } = await serve(i > 0 ? Number(process.argv[i + 1]) : 8080);
  console.log(`Jobwise demo: ${origin}/  (playground: ${origin}/playground/; Ctrl-C stops)`);
}
