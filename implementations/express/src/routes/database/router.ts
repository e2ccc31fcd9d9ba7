import express, { type Router } from 'express';

/** A router that matches paths exactly, as the app does: /stock/1/ and /Stock/1 are unknown. */
export function exactRouter(): Router {
  return express.Router({ caseSensitive: true, strict: true });
}
