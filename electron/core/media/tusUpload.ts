import { createReadStream } from 'node:fs';
import { DefaultHttpStack, Upload, type DetailedError, type HttpStack } from 'tus-js-client';
import { AppError } from '../../../shared/errors';

export interface TusUploadJob {
  filePath: string;
  size: number;
  /** `<server>/api/v1/uploads`. */
  endpoint: string;
  headers: Record<string, string>;
  metadata: Record<string, string>;
  /** Where an earlier attempt (before a drop or a restart) uploaded to: resumed at the server's offset. */
  resumeUrl: string | null;
  /** The upload's URL, as soon as the server made it: persist it to resume after a restart. */
  onUrl(url: string): void;
  onProgress(sent: number, total: number): void;
  /** Stops the upload, leaving it on the server to resume later (shutdown, sign-out). */
  signal: AbortSignal;
  /** Retries inside one attempt before giving up to the outbox's own back-off. */
  retryDelays?: number[];
}

/** A tus 1.0 upload (tus-js-client): resolves with the upload URL once the server holds every byte. */
export function runTusUpload(job: TusUploadJob): Promise<string> {
  return new Promise((resolve, reject) => {
    if (job.signal.aborted) return reject(new AppError('offline', 'The upload was stopped.'));
    const upload = new Upload(createReadStream(job.filePath), {
      endpoint: job.endpoint,
      httpStack: rebasingHttpStack(job.endpoint),
      uploadUrl: job.resumeUrl,
      uploadSize: job.size,
      headers: job.headers,
      metadata: job.metadata,
      retryDelays: job.retryDelays ?? [0, 1_000, 3_000, 5_000],
      // Finished uploads are finalized by ID; nothing to remember in tus-js-client's own storage.
      storeFingerprintForResuming: false,
      onUploadUrlAvailable: () => {
        if (upload.url) job.onUrl(upload.url);
      },
      onProgress: (sent, total) => job.onProgress(sent, total),
      onSuccess: () => {
        job.signal.removeEventListener('abort', stop);
        if (upload.url) resolve(upload.url);
        else reject(new AppError('internal', 'The server gave the upload no address.'));
      },
      onError: (error) => {
        job.signal.removeEventListener('abort', stop);
        reject(toAppError(error));
      },
    });
    function stop() {
      void upload.abort(false);
      reject(new AppError('offline', 'The upload was stopped.'));
    }
    job.signal.addEventListener('abort', stop, { once: true });
    upload.start();
  });
}

/**
 * The server names an upload by an absolute URL built from its own idea of its address
 * (its listening address unless an operator set a public URL). A client that reaches it
 * another way (a proxy, a port forward, another host name) must keep using the address it
 * signed in with: every request is sent to the endpoint's origin, keeping the server's path.
 */
function rebasingHttpStack(endpoint: string): HttpStack {
  const inner = new DefaultHttpStack({});
  const origin = new URL(endpoint).origin;
  return {
    createRequest: (method, url) => {
      const target = new URL(url, endpoint);
      return inner.createRequest(method, `${origin}${target.pathname}${target.search}`);
    },
    getName: () => 'rebasing-node-http',
  };
}

/** Removes an unfinished upload from the server (tus termination); a failure is not worth reporting. */
export async function terminateTusUpload(url: string, headers: Record<string, string>, endpoint: string = url): Promise<void> {
  try {
    await Upload.terminate(url, { headers, retryDelays: [], httpStack: rebasingHttpStack(endpoint) });
  } catch {
    // Already gone, or the server is unreachable: it expires unfinished uploads itself.
  }
}

/** A 413 is a size refusal; other 4xx refusals a retry cannot change; everything else is transient. */
function toAppError(error: Error | DetailedError): AppError {
  const status = 'originalResponse' in error ? error.originalResponse?.getStatus() : undefined;
  if (status === 413) return new AppError('file_too_large');
  if (status === 401 || status === 403) return new AppError('forbidden', 'The server refused the upload.');
  if (status !== undefined && status >= 400 && status < 500) return new AppError('bad_request', `The server refused the upload (${status}).`);
  return new AppError('offline', 'The upload was interrupted.');
}
