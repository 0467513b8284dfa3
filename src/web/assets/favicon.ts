/**
 * The site's icon: an open book on the library's ink colour, drawn as SVG so one small file is
 * sharp at every size. It refers to nothing outside itself.
 */
export const FAVICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">
<rect width="64" height="64" rx="12" fill="#173f5f"/>
<path d="M32 18c-5-4-12-5-20-4v32c8-1 15 0 20 4 5-4 12-5 20-4V14c-8-1-15 0-20 4z" fill="#f4efe6"/>
<path d="M32 18v32" stroke="#173f5f" stroke-width="3"/>
</svg>
`
