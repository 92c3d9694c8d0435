/** Most of one product a cart line may hold. Shared with the browser bundle (the quantity input's max). */
export const MAX_QUANTITY = 99;
