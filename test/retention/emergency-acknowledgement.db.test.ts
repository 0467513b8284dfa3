// The acknowledgement an officer signs for an emergency disclosure (P8, 75 ILCS 70/1(a)(2)):
// who asked, each statutory condition exactly as the officer stated it, the fields disclosed,
// and the statement that nothing about materials or services was disclosed.
import { expect, it } from 'vitest'
import {
  acknowledgementForm,
  registerLegalRequest,
} from '../../src/privacy/legal/legal-requests.service.js'
import { describeEngines } from '../harness/engines.js'
import { staffActor } from '../harness/factories.js'
import { setUpLibrary } from '../harness/library.js'

describeEngines('emergency acknowledgement form (P8)', (env) => {
  it('prints the officer, each condition as stated, the fields disclosed and the signature lines', async () => {
    const { ctx, clock } = env()
    const lib = await setUpLibrary(ctx)
    const officer = await staffActor(ctx, 'privacy_officer')
    const p = await lib.patron()
    const { id } = await registerLegalRequest(ctx, officer, {
      kind: 'emergency',
      requesterName: 'Sgt. Ana Ruiz',
      requesterAgency: 'Cook County Sheriff',
      requesterBadge: '1188',
      documents: 'Telephone call, written statement to follow',
      patronId: p.id,
      scope: { parts: ['registration'], fields: ['familyName', 'phone', 'cardStatus'] },
      // As stated: two conditions attested, two not (the decision would refuse it).
      conditions: {
        swornOfficer: true,
        courtOrderImpractical: false,
        imminentPhysicalHarm: true,
        identifySuspectWitnessOrVictim: false,
      },
    })
    const form = await acknowledgementForm(ctx, officer, id)
    expect(form.split('\n')).toEqual([
      ctx.config.library.name,
      'Acknowledgement of an emergency disclosure of library records (75 ILCS 70/1(a)(2))',
      '',
      `Request ${id}, received ${clock.now().toISOString()}`,
      'Officer: Sgt. Ana Ruiz, Cook County Sheriff, badge 1188',
      // No contact was given: the line is there to be filled in.
      'Contact: ',
      '',
      'The officer stated that:',
      '[x] I am a sworn law-enforcement officer.',
      '[ ] Obtaining a court order is impractical because of an emergency.',
      '[x] I have probable cause to believe there is an imminent danger of physical harm.',
      '[ ] The information is sought only to identify a suspect, witness or victim of a crime.',
      '',
      'Fields disclosed: familyName, phone, cardStatus',
      'No record of materials borrowed, resources reviewed or services used was disclosed.',
      '',
      'I acknowledge receipt of the information listed above.',
      '',
      'Officer signature: ______________________    Date: ____________',
      'Library staff:     ______________________    Date: ____________',
    ])
  })

  it('prints the contact the officer gave', async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx)
    const officer = await staffActor(ctx, 'privacy_officer')
    const p = await lib.patron()
    const { id } = await registerLegalRequest(ctx, officer, {
      kind: 'emergency',
      requesterName: 'Sgt. Ana Ruiz',
      requesterAgency: 'Cook County Sheriff',
      requesterBadge: '1188',
      requesterContact: '708-555-0142',
      documents: 'Telephone call',
      patronId: p.id,
      scope: { parts: ['registration'], fields: ['givenName'] },
      conditions: {
        swornOfficer: true,
        courtOrderImpractical: true,
        imminentPhysicalHarm: true,
        identifySuspectWitnessOrVictim: true,
      },
    })
    const form = (await acknowledgementForm(ctx, officer, id)).split('\n')
    expect(form[5]).toBe('Contact: 708-555-0142')
    expect(form.filter((l) => l.startsWith('[x] '))).toHaveLength(4)
    expect(form).toContain('Fields disclosed: givenName')
  })
})
