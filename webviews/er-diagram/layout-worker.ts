/**
 * The layout worker bundle (dist/webviews/er-diagram-layout.js): ELK's own
 * worker build, which answers elk-api's messages (`layout`, `algorithms`, ...)
 * when loaded in a Web Worker. The diagram fetches this file and starts it
 * from a Blob URL (CSP `worker-src blob:`), so layout never blocks the page.
 */
import 'elkjs/lib/elk-worker.min.js';
