/**
 * Running untrusted programs for the code reward: {@link org.r1j.dsl.sandbox.CodeJudge} runs a program once per
 * test in a {@link org.r1j.dsl.sandbox.Sandbox} (a fresh process under {@code prlimit}, in new namespaces where
 * {@link org.r1j.dsl.sandbox.Isolation} finds them permitted, killed with everything it started on time-out),
 * with {@link org.r1j.dsl.sandbox.SandboxLimits}; {@link org.r1j.dsl.sandbox.TestCases} reads the tests in
 * open-r1's dataset forms. The program's own stdout and exit code are the only things it controls; verdicts are
 * made here.
 */
package org.r1j.dsl.sandbox;
