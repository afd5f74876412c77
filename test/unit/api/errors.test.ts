import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ApiError, apiError, ERROR_CATALOGUE, ERROR_CODES } from '../../../src/api/errors.ts';
import { toValidationIssues } from '../../../src/api/plugins/errors.ts';

describe('error catalogue', () => {
  it('gives every code a client or server error status', () => {
    for (const code of ERROR_CODES) {
      const { status } = ERROR_CATALOGUE[code];
      expect(status >= 400 && status < 600, code).toBe(true);
    }
  });

  it('carries the status of its code and a default message', () => {
    const error = apiError('NO_WORKER_ALIVE');
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(503);
    expect(error.detail).toBe(ERROR_CATALOGUE.NO_WORKER_ALIVE.message);
    expect(apiError('MATCH_NOT_FOUND', 'match 7').detail).toBe('match 7');
  });

  it('is documented code by code in docs/api.md', () => {
    const docs = readFileSync(new URL('../../../docs/api.md', import.meta.url), 'utf8');
    for (const code of ERROR_CODES) expect(docs, code).toContain(`\`${code}\``);
  });
});

describe('toValidationIssues', () => {
  it('names the location, and the type and message pydantic v2 gives, for each failure', () => {
    expect(
      toValidationIssues('querystring', [
        { keyword: 'maximum', instancePath: '/limit', message: 'must be <= 10000', params: { limit: 10000 } },
        { keyword: 'additionalProperties', instancePath: '', params: { additionalProperty: 'foo' } },
        { keyword: 'type', instancePath: '/year', message: 'must be integer', params: { type: 'integer' } },
      ]),
    ).toEqual([
      {
        loc: ['query', 'limit'],
        msg: 'Input should be less than or equal to 10000',
        type: 'less_than_equal',
      },
      { loc: ['query', 'foo'], msg: 'Extra inputs are not permitted', type: 'extra_forbidden' },
      {
        loc: ['query', 'year'],
        msg: 'Input should be a valid integer, unable to parse string as an integer',
        type: 'int_parsing',
      },
    ]);
  });

  it('adds the missing field to the body location and keeps one line per location and type', () => {
    expect(
      toValidationIssues('body', [
        { keyword: 'required', instancePath: '', params: { missingProperty: 'match_id' } },
        { keyword: 'enum', instancePath: '/stage', params: { allowedValues: ['champion', 'challenger'] } },
        { keyword: 'enum', instancePath: '/stage', params: { allowedValues: ['champion', 'challenger'] } },
      ]),
    ).toEqual([
      { loc: ['body', 'match_id'], msg: 'Field required', type: 'missing' },
      {
        loc: ['body', 'stage'],
        msg: "Input should be 'champion' or 'challenger'",
        type: 'literal_error',
      },
    ]);
  });

  it('names every literal of a union once, and tells a JSON body (…_type) from text (…_parsing)', () => {
    const kind = (value: string) => ({
      keyword: 'const',
      instancePath: '/kind',
      message: 'must be equal to constant',
      params: { allowedValue: value },
    });
    const integer = { keyword: 'type', instancePath: '/match_id', params: { type: 'integer' } };
    expect(
      toValidationIssues('querystring', [
        kind('pre_match'),
        kind('closing'),
        { keyword: 'anyOf', instancePath: '/kind', params: {} },
      ]),
    ).toEqual([
      { loc: ['query', 'kind'], msg: "Input should be 'pre_match' or 'closing'", type: 'literal_error' },
    ]);
    expect(toValidationIssues('body', [integer])[0]).toMatchObject({ type: 'int_type' });
    expect(toValidationIssues('params', [integer])[0]).toMatchObject({ type: 'int_parsing' });
    expect(
      toValidationIssues('body', [{ keyword: 'type', instancePath: '', params: { type: 'object' } }])[0],
    ).toMatchObject({ type: 'model_attributes_type' });
  });

  it('calls path parameters "path"', () => {
    expect(
      toValidationIssues('params', [
        {
          keyword: 'type',
          instancePath: '/match_id',
          message: 'must be integer',
          params: { type: 'integer' },
        },
      ])[0]?.loc,
    ).toEqual(['path', 'match_id']);
  });
});
