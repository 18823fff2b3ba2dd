#!/usr/bin/env python3
"""Golden vectors for r1j's GRPO advantages and losses, computed the way TRL's GRPOTrainer does with PyTorch autograd.

Run:  /usr/bin/python3 tests/reference/grpo_golden.py   (needs python3-torch)
Writes tests/reference/golden/grpo_golden.json, read by trainer/src/test/java/org/r1j/grpo/GrpoGoldenTest.java.
The formulas mirror trl/trainer/grpo_trainer.py (_generate_and_score_completions, _compute_loss).
"""
import json
import os

import torch

torch.manual_seed(1234)
torch.set_default_dtype(torch.float64)


def advantages(rewards, g, scale):
    grouped = rewards.view(-1, g)
    mean = grouped.mean(dim=1).repeat_interleave(g)
    if scale == "batch":
        std = rewards.std().expand_as(rewards)
    else:
        std = grouped.std(dim=1).repeat_interleave(g)
    adv = rewards - mean
    if scale != "none":
        adv = adv / (std + 1e-4)
    group_std = grouped.std(dim=1)
    frac_zero = torch.isclose(group_std, torch.zeros_like(group_std)).double().mean()
    return adv, frac_zero


def loss(logp, old, ref, adv, mask, loss_type, eps_low, eps_high, beta, max_len, dapo_tokens):
    logp = logp.clone().requires_grad_(True)
    old_lp = logp.detach() if old is None else old
    coef_1 = torch.exp(logp - old_lp)
    coef_2 = torch.clamp(coef_1, 1 - eps_low, 1 + eps_high)
    per_token_loss1 = coef_1 * adv.unsqueeze(1)
    per_token_loss2 = coef_2 * adv.unsqueeze(1)
    per_token_loss = -torch.min(per_token_loss1, per_token_loss2)
    if beta != 0.0:
        per_token_kl = torch.exp(ref - logp) - (ref - logp) - 1
        per_token_loss = per_token_loss + beta * per_token_kl
    if loss_type == "grpo":
        l = ((per_token_loss * mask).sum(-1) / mask.sum(-1).clamp(min=1.0)).mean()
    elif loss_type == "bnpo":
        l = (per_token_loss * mask).sum() / mask.sum().clamp(min=1.0)
    elif loss_type == "dr_grpo":
        l = (per_token_loss * mask).sum() / (per_token_loss.size(0) * max_len)
    elif loss_type == "dapo":
        l = (per_token_loss * mask).sum() / dapo_tokens
    l.backward()
    a = adv.unsqueeze(1)
    low = ((coef_1 < 1 - eps_low) & (a < 0)).double()
    high = ((coef_1 > 1 + eps_high) & (a > 0)).double()
    msum = mask.sum().clamp(min=1.0)
    out = {"loss": l.item(), "dlogp": (logp.grad * mask).tolist(),
           "low_clip": ((low * mask).sum() / msum).item(), "high_clip": ((high * mask).sum() / msum).item(),
           "region_clip": ((((low + high) > 0).double() * mask).sum() / msum).item()}
    if beta != 0.0:
        out["kl"] = ((per_token_kl.detach() * mask).sum() / msum).item()
    return out


def main():
    cases = {"advantages": [], "losses": []}
    g = 4
    rewards = torch.tensor([1.0, 0.0, 0.5, 1.0, 2.0, 2.0, 2.0, 2.0, 0.0, 1.0, 0.0, 0.25])
    for scale in ("group", "batch", "none"):
        adv, frac = advantages(rewards, g, scale)
        cases["advantages"].append({"rewards": rewards.tolist(), "group_size": g, "scale_rewards": scale,
                                    "advantages": adv.tolist(), "frac_reward_zero_std": frac.item()})
    b, t, max_len = 4, 6, 8
    for loss_type in ("grpo", "bnpo", "dr_grpo", "dapo"):
        for use_old in (False, True):
            for beta in (0.0, 0.04):
                logp = -torch.rand(b, t) * 3
                old = (logp + torch.randn(b, t) * 0.3) if use_old else None
                ref = logp + torch.randn(b, t) * 0.2
                adv = torch.randn(b)
                mask = torch.ones(b, t)
                mask[1, 4:] = 0
                mask[2, 2:] = 0
                mask[3, :] = 0 if loss_type == "grpo" else mask[3, :]  # an all-masked row (truncated completion)
                eps_low, eps_high = 0.2, 0.28
                dapo_tokens = mask.sum().item() + 5  # as if another micro-batch held 5 more tokens
                res = loss(logp, old, ref, adv, mask, loss_type, eps_low, eps_high, beta, max_len, dapo_tokens)
                cases["losses"].append({
                    "loss_type": loss_type, "beta": beta, "epsilon": eps_low, "epsilon_high": eps_high,
                    "max_completion_length": max_len, "dapo_tokens": dapo_tokens,
                    "logp": logp.tolist(), "old_logp": old.tolist() if old is not None else None,
                    "ref_logp": ref.tolist(), "advantages": adv.tolist(), "mask": mask.tolist(), **res})
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "golden", "grpo_golden.json")
    with open(out, "w") as f:
        json.dump(cases, f, indent=1)
    print("wrote", out, "torch", torch.__version__)


if __name__ == "__main__":
    main()
