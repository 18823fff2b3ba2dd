/**
 * The {@code r1j spark …} commands ({@link org.r1j.scale.cli.SparkCommand}, reached from the CLI's Main by class
 * name), {@code r1j bench spark}, and {@link org.r1j.scale.cli.SparkMain}, the shaded jar's entry point for
 * spark-submit. Options shared between commands are picocli mixins.
 */
package org.r1j.scale.cli;
