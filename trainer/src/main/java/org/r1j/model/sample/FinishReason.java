package org.r1j.model.sample;

/** Why a completion ended: EOS or a stop string ({@code STOP}), or the token limit ({@code LENGTH}). */
public enum FinishReason { STOP, LENGTH }
