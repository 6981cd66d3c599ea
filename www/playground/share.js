// The playground's state in the URL fragment, so a link shares rules and
// visitor: JSON, deflated with CompressionStream, in base64url, as
// `#z=…`. Fragments never reach a server. Browsers without
// CompressionStream get `#j=` + encodeURIComponent(JSON).

async function pipe(bytes, stream) {
  const out = new Blob([bytes]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(out).arrayBuffer());
}

function toBase64url(bytes) {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

function fromBase64url(text) {
  const binary = atob(text.replaceAll("-", "+").replaceAll("_", "/"));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** The fragment (without `#`) holding `state`. */
export async function encode(state) {
  const json = JSON.stringify(state);
  if (typeof CompressionStream !== "function") return `j=${encodeURIComponent(json)}`;
  const packed = await pipe(new TextEncoder().encode(json), new CompressionStream("deflate-raw"));
  return `z=${toBase64url(packed)}`;
}

/** The state in `fragment` (with or without `#`), or null when there is none or it is damaged. */
export async function decode(fragment) {
  const text = fragment.replace(/^#/, "");
  try {
    if (text.startsWith("j=")) return JSON.parse(decodeURIComponent(text.slice(2)));
    if (text.startsWith("z=")) {
      const bytes = await pipe(fromBase64url(text.slice(2)), new DecompressionStream("deflate-raw"));
      return JSON.parse(new TextDecoder().decode(bytes));
    }
  } catch {
    // A damaged link: start from the defaults.
  }
  return null;
}
