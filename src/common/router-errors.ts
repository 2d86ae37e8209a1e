import { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';
import { Socket } from 'node:net';
import { problem } from './problem';

type Headers = (request: FastifyRequest, reply: FastifyReply) => void;

/** What the router says about a path it cannot route, in words that never repeat the path itself. */
function routerProblem(error: FastifyError) {
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    return problem(414, 'A part of the path is too long.');
  }
  if (error.code === 'FST_ERR_BAD_URL') {
    return problem(400, 'The path is not valid (malformed percent-encoding).', [
      { field: 'path', message: 'the path is not valid percent-encoded UTF-8' },
    ]);
  }
  return problem(400, 'The request could not be routed.');
}

/**
 * Fastify's `frameworkErrors`: errors of the router, before any hook of the request has run. They get what every other
 * response gets: the request id, the security headers and a problem+json body.
 */
export function routerErrors(headers: Headers) {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply): void => {
    void reply.header('X-Request-Id', request.id);
    headers(request, reply);
    const body = routerProblem(error);
    void reply.status(body.status).header('Content-Type', 'application/problem+json').send(body);
  };
}

/**
 * Fastify's `clientErrorHandler`: a request Node could not even parse (headers too large, a malformed request line, a
 * client too slow to send its request). Answered on the socket as a problem, which is then closed.
 */
export function clientErrors(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) {
    return;
  }
  const status = error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : error.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
  const detail =
    status === 408
      ? 'The request was not received in time.'
      : status === 431
        ? 'The request line or headers are too large.'
        : 'The request is malformed.';
  const body = JSON.stringify(problem(status, detail));
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/problem+json\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
