import { takeContractMismatches } from './openapi-contract';

// Every response a test provoked must match the served OpenAPI document; the test that provoked one that does not fails.
afterEach(() => {
  const found = takeContractMismatches();
  if (found.length) {
    throw new Error(`Responses that do not match /docs/openapi.json:\n${found.join('\n')}`);
  }
});
