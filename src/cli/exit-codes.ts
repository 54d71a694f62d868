/** Exit codes of `ocp-images`, shared by every command: 0 clean, 1 findings or an MCO error, 2 usage errors. */
export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;
