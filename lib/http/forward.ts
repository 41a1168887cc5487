/** Relays a request to a function URL and streams its answer back unchanged (status, the headers that matter, body). */
const FORWARDED_REQUEST_HEADERS = ["authorization", "x-request-id", "accept", "user-agent"];
const RETURNED_HEADERS = ["content-type", "content-disposition", "cache-control", "x-request-id", "x-content-type-options", "retry-after"];

export async function forwardToFunctionUrl(req: Request, functionUrl: string): Promise<Response> {
  const target = new URL(functionUrl);
  target.search = new URL(req.url).search;
  const headers = new Headers();
  for (const name of FORWARDED_REQUEST_HEADERS) {
    const value = req.headers.get(name);
    if (value !== null) headers.set(name, value);
  }
  // The client's disconnect cancels the upstream read, so the function stops querying too.
  const upstream = await fetch(target, { headers, signal: req.signal, redirect: "manual" });
  const returned = new Headers();
  for (const name of RETURNED_HEADERS) {
    const value = upstream.headers.get(name);
    if (value !== null) returned.set(name, value);
  }
  return new Response(upstream.body, { status: upstream.status, headers: returned });
}
