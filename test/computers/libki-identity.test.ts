import { describe, expect, it } from 'vitest'
import { LibkiIdentities } from '../../src/computers/libki-identity.js'

describe('computers: what the Libki endpoint remembers of a PIN', () => {
  it('recognises only the card and PIN of the running session on that computer', () => {
    const ids = new LibkiIdentities()
    ids.remember('pc-1', 'session-a', '21234000000015', '739158')
    expect(ids.recognises('pc-1', 'session-a', '21234000000015', '739158')).toBe(true)
    expect(ids.recognises('pc-1', 'session-a', '21234000000015', '739159')).toBe(false)
    expect(ids.recognises('pc-1', 'session-a', '21234000000016', '739158')).toBe(false)
    // The boundary between card and PIN is part of what is compared.
    expect(ids.recognises('pc-1', 'session-a', '2123400000001', '5739158')).toBe(false)
    expect(ids.recognises('pc-2', 'session-a', '21234000000015', '739158')).toBe(false)
  })

  it('drops what it kept when the session changes, at logout and on clear', () => {
    const ids = new LibkiIdentities()
    ids.remember('pc-1', 'session-a', 'card', 'pin')
    expect(ids.recognises('pc-1', 'session-b', 'card', 'pin')).toBe(false)
    expect(ids.size).toBe(0)
    ids.remember('pc-1', 'session-b', 'card', 'pin')
    ids.forget('pc-1')
    expect(ids.recognises('pc-1', 'session-b', 'card', 'pin')).toBe(false)
    ids.remember('pc-1', 'session-c', 'card', 'pin')
    ids.remember('pc-2', 'session-d', 'card2', 'pin')
    ids.clear()
    expect(ids.size).toBe(0)
  })

  it('keeps a keyed digest, not the PIN, under a key of its own per process', () => {
    const a = new LibkiIdentities()
    const b = new LibkiIdentities()
    a.remember('pc-1', 's', 'card', '739158')
    b.remember('pc-1', 's', 'card', '739158')
    const kept = (ids: LibkiIdentities) =>
      JSON.stringify([...(ids as unknown as { byComputer: Map<string, unknown> }).byComputer])
    expect(kept(a)).not.toContain('739158')
    expect(kept(a)).not.toEqual(kept(b))
  })
})
