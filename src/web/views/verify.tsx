import { VerifyResultDto } from '../../verification/dto/certification-views.dto';
import { Terms } from '../directory-terms';
import { ErrorSummary, Field, FormState, Select } from './form-parts';
import { longDate } from './format';

export interface VerifyView {
  form: FormState;
  record: VerifyResultDto | null;
  /** The lookup ran and the association has no such record. */
  notFound: boolean;
}

const RECORD_WORDS: Record<string, string> = {
  active: 'Active',
  expired: 'Expired',
  suspended: 'Suspended',
  revoked: 'Revoked',
};

function Record({ record, terms }: { record: VerifyResultDto; terms: Terms }) {
  const association = terms.association.get(record.association)?.name ?? record.association;
  const expired = record.expiresOn !== null && record.expiresOn < new Date().toISOString().slice(0, 10);
  return (
    <section class="card record" aria-labelledby="record-heading">
      <h2 id="record-heading">What {association}’s records say</h2>
      <dl class="facts">
        <dt>Credential number</dt>
        <dd>{record.credentialNumber}</dd>
        <dt>Type</dt>
        <dd>{record.credentialType}</dd>
        <dt>Holder</dt>
        <dd>{record.holderName}</dd>
        <dt>Status in the records</dt>
        <dd>
          <strong>{RECORD_WORDS[record.recordStatus] ?? record.recordStatus}</strong>
        </dd>
        {record.expiresOn && (
          <>
            <dt>{expired ? 'Expired on' : 'Valid until'}</dt>
            <dd>{longDate(record.expiresOn)}</dd>
          </>
        )}
        <dt>In this directory</dt>
        <dd>
          {record.verifiedProfile ? (
            <>
              Verified today on the profile of{' '}
              <a href={`/therapists/${record.verifiedProfile.id}`}>{record.verifiedProfile.displayName}</a>
            </>
          ) : (
            'No profile here holds this credential verified today.'
          )}
        </dd>
      </dl>
    </section>
  );
}

export function Verify({ view, terms }: { view: VerifyView; terms: Terms }) {
  const { form } = view;
  const options = [
    { value: '', label: 'Choose an association' },
    ...terms.associations.map((a) => ({ value: a.slug, label: a.name })),
  ];
  return (
    <div class="verify">
      <h1>Check a credential</h1>
      <p class="hero__lede">
        Look up a certification number in the issuing association’s own records, as we hold them today. This is the same
        check behind every “verified” mark in the directory.
      </p>
      <form method="get" action="/verify" class="search-form" aria-label="Credential lookup">
        <ErrorSummary errors={form.errors} fields={new Set(['association', 'credentialNumber'])} />
        <Field name="association" label="Association" state={form}>
          {(describedBy, invalid) => (
            <Select
              name="association"
              options={options}
              value={form.values.association}
              describedBy={describedBy}
              invalid={invalid}
            />
          )}
        </Field>
        <Field
          name="credentialNumber"
          label="Credential number"
          hint="As printed on the certificate. Spaces and dashes do not matter."
          state={form}
        >
          {(describedBy, invalid) => (
            <input
              id="credentialNumber"
              name="credentialNumber"
              type="text"
              value={form.values.credentialNumber}
              autocomplete="off"
              spellcheck={false}
              aria-describedby={describedBy}
              aria-invalid={invalid ? 'true' : undefined}
            />
          )}
        </Field>
        <button type="submit" class="button">
          Look it up
        </button>
      </form>
      {view.record && <Record record={view.record} terms={terms} />}
      {view.notFound && (
        <section class="card record" role="status">
          <h2>No record found</h2>
          <p>
            {terms.association.get(form.values.association ?? '')?.name ?? 'The association'} has no record with this
            number in the records it has sent us. Check the number, or ask the therapist which association issued it.
          </p>
        </section>
      )}
    </div>
  );
}
