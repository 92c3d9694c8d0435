/** Where a stored picture is served; the product page shows 800.webp, cards 400.webp. */
export const imageUrl = (key: string, file: string = "800.webp") => `/media/${key}/${file}`;
