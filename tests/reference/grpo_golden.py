#!/usr/bin/env python3
"""Golden vectors for r1j's GRPO advantages and losses, computed the way TRL's GRPOTrainer does with PyTorch autograd.

Besides TRL's four loss types: advantage estimators as verl defines them (rloo, reinforce_plus_plus_baseline,
grpo_passk; verl/trainer/ppo/core_algos.py), GDPO (TRL multi_objective_aggregation="normalize_then_sum"), TRL's NaN
rules for unknown rewards, and TRL's _compute_loss variants: importance_sampling_level="sequence" (GSPO), cispo,
sapo, two-sided clipping delta, top_entropy_quantile, entropy_coef, k1/k2 KL (verl kl_penalty), sampler importance
weights, and gradient accumulation (micro-batch gradients summed = the whole batch's).

Run:  /usr/bin/python3 tests/reference/grpo_golden.py [OUT.json]   (needs python3-torch)
Writes tests/reference/golden/grpo_golden.json (or OUT.json), read by trainer/src/test/java/org/r1j/grpo/GrpoGoldenTest.java.
The formulas mirror trl/trainer/grpo_trainer.py (_generate_and_score_completions, _compute_loss).
"""
import json
import os
import sys

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
    # TRL (2026): frac_reward_zero_std tests the std the advantages were divided by: the batch's under "batch"
    test_std = std if scale == "batch" else grouped.std(dim=1)
    frac_zero = torch.isclose(test_std, torch.zeros_like(test_std)).double().mean()
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


def nanstd(t):
    """TRL's nanstd: Bessel-corrected, NaN with fewer than two known values."""
    mean = torch.nanmean(t)
    var = torch.nanmean((t - mean) ** 2)
    count = (~torch.isnan(t)).sum()
    if count < 2:
        return torch.tensor(float("nan"))
    return torch.sqrt(var * count / (count - 1))


def advantages_v2(rewards, per_reward, weights, tokens, g, scale, estimator, aggregation):
    """r1j's estimators: TRL's GRPO path (NaN-aware), verl's rloo / reinforce_plus_plus_baseline / grpo_passk."""
    groups = rewards.view(-1, g)
    means = torch.stack([torch.nanmean(x) for x in groups])
    stds = torch.stack([nanstd(x) for x in groups])
    frac = torch.isclose(stds, torch.zeros_like(stds)).double().mean()
    if aggregation == "normalize_then_sum":
        grouped = per_reward.view(-1, g, per_reward.shape[1])
        mean_k = torch.nanmean(grouped, dim=1, keepdim=True)
        std_k = torch.stack([torch.stack([nanstd(grouped[i, :, k]) for k in range(grouped.shape[2])])
                             for i in range(grouped.shape[0])]).unsqueeze(1)
        z = ((grouped - mean_k) / (std_k + 1e-4)).view(-1, per_reward.shape[1])
        summed = (z * weights.unsqueeze(0)).nansum(dim=1)
        unscorable = torch.isnan(per_reward).all(dim=1) | torch.isnan(rewards)
        summed[unscorable] = float("nan")
        s = nanstd(summed)
        adv = (summed - torch.nanmean(summed)) / (s + 1e-4)
        frac = torch.isclose(s, torch.zeros_like(s)).double()
        return torch.nan_to_num(adv, nan=0.0), frac
    adv = torch.zeros_like(rewards)
    if estimator == "grpo":
        mean = means.repeat_interleave(g)
        if scale == "batch":
            std = nanstd(rewards).expand_as(rewards)
            frac = torch.isclose(std, torch.zeros_like(std)).double().mean()
        else:
            std = stds.repeat_interleave(g)
        adv = rewards - mean
        if scale != "none":
            adv = adv / (std + 1e-4)
        return torch.nan_to_num(adv, nan=0.0), frac
    for gi, x in enumerate(groups):
        idx = torch.nonzero(~torch.isnan(x)).flatten()
        k = idx.numel()
        known = x[idx]
        if estimator == "rloo" and k > 1:
            # verl: score * n/(n-1) - mean * n/(n-1)
            adv[gi * g + idx] = known * k / (k - 1) - known.mean() * k / (k - 1)
        elif estimator == "grpo_passk" and k > 1:
            topk, topk_idx = torch.topk(known, 2)
            a = topk[0] - topk[1]
            if scale == "group":
                a = a / (torch.std(known) + 1e-4)
            elif scale == "batch":
                a = a / (nanstd(rewards) + 1e-4)
            adv[gi * g + idx[topk_idx[0]]] = a
    if estimator == "reinforce_plus_plus_baseline":
        # verl: centre per group, tile over tokens, masked_whiten over the batch's tokens
        centred = torch.nan_to_num(rewards - means.repeat_interleave(g), nan=0.0)
        t_max = int(tokens.max().item())
        tok_mask = (torch.arange(t_max).unsqueeze(0) < tokens.unsqueeze(1)).double()
        tok_mask[torch.isnan(rewards)] = 0
        scores = centred.unsqueeze(-1).tile([1, t_max]) * tok_mask
        mean = (scores * tok_mask).sum() / (tok_mask.sum() + 1e-8)
        var = (((scores - mean) ** 2) * tok_mask).sum() / (tok_mask.sum() + 1e-8)
        var = var * tok_mask.sum() / (tok_mask.sum() - 1)
        white = (scores - mean) * torch.rsqrt(var + 1e-8) * tok_mask
        adv = torch.where(tok_mask.sum(1) > 0, white[:, 0], torch.zeros_like(rewards))
    return adv, frac


def high_entropy_mask(entropies, mask, threshold):
    local = entropies[mask.bool()]
    if local.numel() == 0:
        return torch.zeros_like(entropies, dtype=torch.bool)
    thr = torch.quantile(local, threshold)
    return ((entropies * mask) >= thr) & mask.bool()


def loss_v2(c, logp, old, ref, adv, mask, ent, is_w, step_tokens, accum):
    """TRL's _compute_loss for one micro-batch (scaled for gradient accumulation as TRL scales it)."""
    logp = logp.clone().requires_grad_(True)
    ent = ent.clone().requires_grad_(True)
    old_lp = logp.detach() if old is None else old
    a = adv.unsqueeze(1)
    emask = high_entropy_mask(ent.detach(), mask, 1 - c["top_entropy_quantile"]).double() \
        if c["top_entropy_quantile"] < 1 else None
    log_ratio = logp - old_lp
    if c["importance_sampling_level"] == "token":
        log_w = log_ratio
    else:
        log_w = ((log_ratio * mask).sum(-1) / mask.sum(-1).clamp(min=1.0)).unsqueeze(-1)
    coef_1 = torch.exp(log_w)
    if c["beta"] != 0.0:
        x = ref - logp
        per_token_kl = {"k1": -x, "k2": 0.5 * x * x, "k3": torch.exp(x) - x - 1}[c["kl_estimator"]]
    lt = c["loss_type"]
    if lt == "cispo":
        per_token_loss = -torch.clamp(coef_1, max=c["epsilon_high"]).detach() * a * logp
    elif lt == "sapo":
        temps = torch.where(a > 0, torch.tensor(c["sapo_temperature_pos"]), torch.tensor(c["sapo_temperature_neg"]))
        per_token_loss = -(torch.sigmoid(temps * (coef_1 - 1)) * 4 / temps) * a
    else:
        coef_2 = torch.clamp(coef_1, 1 - c["epsilon"], 1 + c["epsilon_high"])
        if c["delta"] is not None:
            coef_1 = torch.clamp(coef_1, max=c["delta"])
        per_token_loss = -torch.min(coef_1 * a, coef_2 * a)
    if emask is not None:
        per_token_loss = per_token_loss * emask
    if is_w is not None:
        per_token_loss = per_token_loss * is_w
    if c["beta"] != 0.0:
        per_token_loss = per_token_loss + c["beta"] * per_token_kl
    if lt in ("grpo", "sapo"):
        l = ((per_token_loss * mask).sum(-1) / mask.sum(-1).clamp(min=1.0)).mean() / accum
    elif lt == "bnpo":
        l = (per_token_loss * mask).sum() / mask.sum().clamp(min=1.0) / accum
    elif lt == "dr_grpo":
        l = (per_token_loss * mask).sum() / (per_token_loss.size(0) * c["max_completion_length"]) / accum
    else:
        l = (per_token_loss * mask).sum() / max(step_tokens, 1.0)
    if c["entropy_coef"] != 0:
        eff = mask if emask is None else mask * emask
        if lt in ("cispo", "dapo"):
            e = (ent * eff).sum() / max(step_tokens, 1.0)
        else:
            e = (ent * eff).sum() / eff.sum().clamp(min=1.0) / accum
        l = l - c["entropy_coef"] * e
    l.backward()
    out = {"loss": l.item(), "dlogp": (logp.grad * mask).tolist(), "dent": (ent.grad if ent.grad is not None else torch.zeros_like(ent)).tolist()}
    if lt not in ("cispo", "sapo"):
        low = ((coef_1 < 1 - c["epsilon"]) & (a < 0)).double()
        high = ((coef_1 > 1 + c["epsilon_high"]) & (a > 0)).double()
        if low.shape[1] == 1:
            out["low_clip"] = low.mean().item()
            out["high_clip"] = high.mean().item()
        else:
            msum = mask.sum().clamp(min=1.0)
            out["low_clip"] = ((low * mask).sum() / msum).item()
            out["high_clip"] = ((high * mask).sum() / msum).item()
            out["low_min"] = torch.tensor([x for x in ((low * mask).sum(-1) / mask.sum(-1)).tolist()
                                           if x == x]).min().item()
            out["high_max"] = torch.tensor([x for x in ((high * mask).sum(-1) / mask.sum(-1)).tolist()
                                            if x == x]).max().item()
    if c["beta"] != 0.0:
        out["kl"] = ((per_token_kl.detach() * mask).sum() / mask.sum().clamp(min=1.0)).item()
    return out


def base_objective(**kw):
    c = {"loss_type": "dapo", "beta": 0.0, "epsilon": 0.2, "epsilon_high": 0.28, "delta": None,
         "importance_sampling_level": "token", "kl_estimator": "k3", "sapo_temperature_pos": 1.0,
         "sapo_temperature_neg": 1.05, "entropy_coef": 0.0, "top_entropy_quantile": 1.0, "max_completion_length": 8}
    c.update(kw)
    return c


def v2_cases(cases):
    gen = torch.Generator().manual_seed(99)
    nan = float("nan")
    rewards = torch.tensor([1.0, 0.0, 0.5, 1.0, 2.0, 2.0, 2.0, 2.0, 0.0, 1.0, nan, 0.25, nan, 3.0, nan, nan])
    tokens = torch.tensor([5.0, 3, 7, 2, 4, 4, 6, 1, 3, 8, 2, 5, 4, 2, 3, 0])
    per_reward = torch.stack([rewards.clone(), torch.rand(16, generator=gen)], dim=1)
    per_reward[1, 1] = nan
    per_reward[13, 0] = nan
    weights = torch.tensor([1.0, 0.5])
    cases["advantages_v2"] = []
    for est, scale, agg in [("grpo", "group", "sum_then_normalize"), ("grpo", "batch", "sum_then_normalize"),
                            ("grpo", "none", "sum_then_normalize"), ("rloo", "group", "sum_then_normalize"),
                            ("reinforce_plus_plus_baseline", "group", "sum_then_normalize"),
                            ("grpo_passk", "group", "sum_then_normalize"), ("grpo_passk", "none", "sum_then_normalize"),
                            ("grpo", "group", "normalize_then_sum")]:
        adv, frac = advantages_v2(rewards, per_reward, weights, tokens, 4, scale, est, agg)
        cases["advantages_v2"].append({"rewards": [None if x != x else x for x in rewards.tolist()],
                                       "per_reward": [[None if x != x else x for x in row] for row in per_reward.tolist()],
                                       "weights": weights.tolist(), "tokens": tokens.tolist(), "group_size": 4,
                                       "scale_rewards": scale, "advantage_estimator": est,
                                       "multi_objective_aggregation": agg, "advantages": adv.tolist(),
                                       "frac_reward_zero_std": frac.item()})
    b, t = 4, 6
    variants = [
        base_objective(importance_sampling_level="sequence", loss_type="grpo"),
        base_objective(importance_sampling_level="sequence", loss_type="dapo", beta=0.04),
        base_objective(loss_type="cispo", epsilon_high=1.2),
        base_objective(loss_type="cispo", epsilon_high=5.0, beta=0.04, kl_estimator="k2"),
        base_objective(loss_type="sapo"),
        base_objective(loss_type="sapo", sapo_temperature_pos=2.0, sapo_temperature_neg=0.5),
        base_objective(loss_type="dapo", delta=1.35),
        base_objective(loss_type="grpo", delta=1.3, beta=0.04, kl_estimator="k1"),
        base_objective(loss_type="dapo", top_entropy_quantile=0.4),
        base_objective(loss_type="bnpo", top_entropy_quantile=0.0),
        base_objective(loss_type="dapo", entropy_coef=0.01),
        base_objective(loss_type="grpo", entropy_coef=0.05, top_entropy_quantile=0.5),
        base_objective(loss_type="dr_grpo", beta=0.1, kl_estimator="k2"),
        base_objective(loss_type="dapo", epsilon=10.0, epsilon_high=10.0),
    ]
    cases["losses_v2"] = []
    for i, c in enumerate(variants):
        logp = -torch.rand(b, t, generator=gen) * 3
        old = logp + torch.randn(b, t, generator=gen) * 0.4
        ref = logp + torch.randn(b, t, generator=gen) * 0.2
        adv = torch.randn(b, generator=gen)
        ent = torch.rand(b, t, generator=gen) * 2
        is_w = (torch.rand(b, t, generator=gen) * 1.5) if i % 3 == 0 else None
        mask = torch.ones(b, t)
        mask[1, 4:] = 0
        mask[2, 2:] = 0
        step_tokens = mask.sum().item() + 5
        accum = 2 if i % 2 == 0 else 1
        res = loss_v2(c, logp, old, ref, adv, mask, ent, is_w, step_tokens, accum)
        cases["losses_v2"].append({**c, "logp": logp.tolist(), "old_logp": old.tolist(), "ref_logp": ref.tolist(),
                                   "advantages": adv.tolist(), "entropies": ent.tolist(),
                                   "is_weights": is_w.tolist() if is_w is not None else None, "mask": mask.tolist(),
                                   "step_tokens": step_tokens, "accumulation_steps": accum, **res})
    # gradient accumulation: 8 completions in 4 micro-batches of 2 vs one batch of 8 (on-policy, beta > 0)
    cases["accumulation"] = []
    for lt in ("grpo", "dr_grpo", "dapo", "cispo", "sapo"):
        c = base_objective(loss_type=lt, beta=0.04, epsilon_high=5.0 if lt == "cispo" else 0.28,
                           # TRL's entropy bonus is a per-micro-batch mean except under the global token normaliser
                           entropy_coef=0.01 if lt in ("dapo", "cispo") else 0.0)
        logp = -torch.rand(8, t, generator=gen) * 3
        ref = logp + torch.randn(8, t, generator=gen) * 0.2
        adv = torch.randn(8, generator=gen)
        ent = torch.rand(8, t, generator=gen) * 2
        mask = torch.ones(8, t)
        mask[3, 3:] = 0
        mask[6, 1:] = 0
        total = mask.sum().item()
        whole = loss_v2(c, logp, None, ref, adv, mask, ent, None, total, 1)
        loss_sum, grads, dents = 0.0, [], []
        for k in range(4):
            sl = slice(2 * k, 2 * k + 2)
            part = loss_v2(c, logp[sl], None, ref[sl], adv[sl], mask[sl], ent[sl], None, total, 4)
            loss_sum += part["loss"]
            grads += part["dlogp"]
            dents += part["dent"]
        diff = (torch.tensor(grads) - torch.tensor(whole["dlogp"])).abs().max().item()
        diff = max(diff, (torch.tensor(dents) - torch.tensor(whole["dent"])).abs().max().item())
        assert abs(loss_sum - whole["loss"]) < 1e-12 and diff < 1e-12, (lt, loss_sum, whole["loss"], diff)
        cases["accumulation"].append({**c, "logp": logp.tolist(), "ref_logp": ref.tolist(), "advantages": adv.tolist(),
                                      "entropies": ent.tolist(), "mask": mask.tolist(), "micro_batch": 2,
                                      "loss": whole["loss"], "dlogp": whole["dlogp"], "dent": whole["dent"]})


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
    v2_cases(cases)
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "golden",
                                                             "grpo_golden.json")
    with open(out, "w") as f:
        json.dump(cases, f, indent=1)
    print("wrote", out, "torch", torch.__version__)


if __name__ == "__main__":
    main()
