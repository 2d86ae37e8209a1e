import { css } from 'lit';

/** Defaults that pass AA contrast; every colour and size can be themed by the host page. */
export const searchStyles = css`
  :host {
    display: block;
    font: var(--nmt-font, inherit);
    color: var(--nmt-text, #1d2a33);
  }
  :host([hidden]) {
    display: none;
  }
  .box {
    background: var(--nmt-background, #fff);
    border: 1px solid var(--nmt-border, #c9d1d8);
    border-radius: var(--nmt-radius, 10px);
    padding: var(--nmt-spacing, 1rem);
  }
  form {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem;
    align-items: flex-end;
    margin-bottom: 0.75rem;
  }
  label {
    display: flex;
    flex-direction: column;
    gap: 0.2rem;
    font-weight: 600;
    flex: 1 1 10rem;
  }
  input {
    font: inherit;
    min-height: 2.5rem;
    padding: 0.3rem 0.5rem;
    border: 2px solid var(--nmt-input-border, #6b7780);
    border-radius: 6px;
    color: inherit;
    background: #fff;
  }
  button {
    font: inherit;
    font-weight: 700;
    min-height: 2.5rem;
    padding: 0.4rem 1.2rem;
    border: 0;
    border-radius: 6px;
    color: var(--nmt-accent-text, #fff);
    background: var(--nmt-accent, #0f5c4d);
    cursor: pointer;
  }
  :focus-visible {
    outline: 3px solid var(--nmt-focus, #1d2a33);
    outline-offset: 2px;
  }
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  li {
    padding: 0.6rem 0;
    border-top: 1px solid var(--nmt-border, #c9d1d8);
  }
  a {
    color: var(--nmt-link, #0f5c4d);
    font-weight: 700;
  }
  .meta {
    display: block;
    color: var(--nmt-muted, #4a5863);
    font-size: 0.93em;
  }
  .verified {
    color: var(--nmt-verified, #0f6e3f);
    font-weight: 600;
  }
  .error {
    color: var(--nmt-error, #b3261e);
    font-weight: 700;
  }
  .status {
    margin: 0 0 0.5rem;
  }
  .footer {
    margin: 0.75rem 0 0;
    font-size: 0.85em;
    color: var(--nmt-muted, #4a5863);
  }
`;
