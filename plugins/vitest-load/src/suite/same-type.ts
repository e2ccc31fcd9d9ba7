/** True when A and B are assignable both ways: a schema's output and the type a lower layer defines agree. */
export type SameType<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** Fails to compile unless given true. */
export type Assert<T extends true> = T;
