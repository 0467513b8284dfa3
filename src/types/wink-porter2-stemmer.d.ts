/** Porter2 (Snowball English) stemmer; the package ships no types. Takes a lower-case word. */
declare module 'wink-porter2-stemmer' {
  const stem: (word: string) => string
  export default stem
}
