import { HttpException } from '@nestjs/common';
import type { OperationOutcome } from 'fhir/r4';

/** Issue types (http://hl7.org/fhir/issue-type) this server answers with. */
export type IssueType =
  | 'transient'
  | 'invalid'
  | 'value'
  | 'not-supported'
  | 'not-found'
  | 'forbidden'
  | 'login'
  | 'throttled'
  | 'too-long'
  | 'processing'
  | 'exception';

export function operationOutcome(code: IssueType, diagnostics: string, expression?: string[]): OperationOutcome {
  return {
    resourceType: 'OperationOutcome',
    issue: [{ severity: 'error', code, diagnostics, ...(expression?.length ? { expression } : {}) }],
  };
}

/** An error a FHIR route answers as an OperationOutcome with this status. */
export class FhirError extends HttpException {
  constructor(status: number, code: IssueType, diagnostics: string, expression?: string[]) {
    super(operationOutcome(code, diagnostics, expression), status);
  }
}

/** A search parameter the server cannot use: 400 naming it (the FHIR expression is the parameter's name). */
export const badParameter = (name: string, diagnostics: string, code: IssueType = 'invalid') =>
  new FhirError(400, code, diagnostics, [name]);

export const notFound = (type: string, id: string) =>
  new FhirError(404, 'not-found', `${type}/${id} is not known (or not published).`);
