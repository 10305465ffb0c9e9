/** @module Payments pieces shared by products (`@platform/kit/payments`; kept off the main entry so only payment code loads `stripe`). */
export * from './stripe-checkout';
