/**
 * A TypeBox enum of names, typed `string`. TypeBox writes a bare `enum`, which OpenAPI client generators read as
 * "any type" (a generated client then takes any value where the contract names three); with the type they emit
 * a string union or enum. Every enum of the API's shapes is built here.
 */
import { type TEnum, type TSchemaOptions, Type } from 'typebox';

export const NameEnum = <Names extends string[]>(
  names: readonly [...Names],
  options: TSchemaOptions = {},
): TEnum<Names> => Type.Enum(names, { ...options, type: 'string' });
