import { ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldError, ProblemException } from './problem';

function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

export function validationErrorsToProblem(errors: ValidationError[]): ProblemException {
  const fieldErrors = flatten(errors);
  const fields = [...new Set(fieldErrors.map((e) => e.field))].join(', ');
  return new ProblemException(400, `Invalid input: ${fields}.`, fieldErrors);
}

export const validationPipe = new ValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  // Values are never coerced behind the client's back: "5" is not a rating, and query DTOs convert explicitly.
  transformOptions: { enableImplicitConversion: false },
  validationError: { target: false, value: false },
  exceptionFactory: validationErrorsToProblem,
});
