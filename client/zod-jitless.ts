import { z } from "zod";

// Zod probes for eval (`Function("")`) to compile fast parsers; the page's CSP forbids eval, and the probe
// would be reported as a violation on every page. The interpreted parsers are fast enough for the browser.
z.config({ jitless: true });
