package org.r1j.config;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares one setting of a config record, where the record component is declared (TRL's {@code GRPOConfig} style:
 * every knob documented where it is declared, with its paper): its default, what it does, and its YAML key.
 * {@link Knobs} reads these to build defaults, to map YAML onto the record and back, and to list the settings.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Knob {
    /** The default, written as in YAML: {@code 8}, {@code 0.2}, {@code 1e-6}, {@code dapo}, {@code true}, {@code null}, {@code [a, b]}, {@code {}}. */
    String value();

    /** What the setting does, its paper and its name in TRL / verl where it has one. */
    String doc();

    /** The YAML key; empty = the component's name in snake_case ({@code maxGradNorm} → {@code max_grad_norm}). */
    String yaml() default "";

    /** Other accepted YAML keys (e.g. TRL's deprecated names). */
    String[] aliases() default {};
}
