/** The English catalogue has the same keys as the Chinese one, with any string values. */
export type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };
