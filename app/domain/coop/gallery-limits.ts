/** At most this many pictures a product shows. */
export const MAX_GALLERY = 8;
/** An alt text longer than this is refused, not cut. */
export const MAX_ALT = 120;
