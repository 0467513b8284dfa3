import type { Actor } from '../actor.js'
import { DAY } from '../clock.js'
import type { AppContext } from '../context.js'
import { localDate } from '../library/calendar.js'
import { createPolicyDraft, publishPolicyVersion } from '../policy/policy-admin.service.js'

/** The demo library's own policy text: short, written for this demo, in both languages. */
const BODY = `## Why this policy exists

Reading, searching and asking questions are private acts. This library keeps the records it needs
to lend you things and nothing more, and it treats those records as confidential.

## What we record

- Your registration: name, address and the contact details you choose to give us.
- What you have out right now, your holds, and anything you owe.
- Nothing about what you returned, unless you ask us to keep a reading history.

The full list, with how long each record stays, is generated from the system itself and appears
below this text.

## Who can see it

Staff see only what their work needs, and every look at your record is logged. We give records to
no one else except under a court order or the narrow emergency the law allows.

## Your choices

You can see and download everything we hold about you from your account, turn the reading
history on or off, and choose which messages you receive.

## Changes

We review this policy every year. When we change it in a way that matters, we publish the new
version here with what changed, and email everyone who asked to hear about it.
`

const BODY_ES = `## Por qué existe esta política

Leer, buscar y hacer preguntas son actos privados. Esta biblioteca guarda solo los registros que
necesita para prestarle materiales, y los trata como confidenciales.

## Qué anotamos

- Su inscripción: nombre, dirección y los datos de contacto que decida darnos.
- Lo que tiene prestado ahora, sus reservas y lo que deba.
- Nada de lo que ya devolvió, salvo que nos pida guardar un historial de lectura.

La lista completa, con cuánto tiempo se guarda cada registro, sale del propio sistema y aparece
debajo de este texto.

## Quién puede verlo

El personal ve solo lo que su trabajo requiere, y cada consulta de su registro queda anotada. No
entregamos registros a nadie más, salvo por orden judicial o en la emergencia limitada que permite
la ley.

## Sus opciones

Desde su cuenta puede ver y descargar todo lo que guardamos sobre usted, activar o desactivar el
historial de lectura y elegir qué mensajes recibe.

## Cambios

Revisamos esta política cada año. Cuando la cambiamos en algo importante, publicamos aquí la nueva
versión con lo que cambió y avisamos por correo a quienes lo pidieron.
`

/**
 * Publishes version 1 of the demo library's policy, in force since a few weeks ago, so /policy
 * has something to show and every demo registration records it. Not material: no notices.
 */
export async function seedDemoPolicy(ctx: AppContext, actor: Actor): Promise<void> {
  const zone = ctx.config.library.timezone
  const day = (offset: number) =>
    localDate(new Date(ctx.clock.now().getTime() + offset * DAY), zone)
  const draft = await createPolicyDraft(ctx, actor, {
    body: BODY,
    bodyEs: BODY_ES,
    changes: 'First version published in the new system.',
    changesEs: 'Primera versión publicada en el nuevo sistema.',
    adoptedOn: day(-30),
    effectiveOn: day(-28),
    reviewOn: day(335),
    material: false,
  })
  await publishPolicyVersion(ctx, actor, draft.id)
}
