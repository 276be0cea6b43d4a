"""PyTorch 1.13 golden values for attention and the Transformer layers (issue #12): writes attention.json.

Each case builds a torch.nn module in float64 with a fixed seed, in train mode with dropout 0 (so torch 1.13 takes
its plain path, not the inference "fast path"), and stores its state dict (names in PyTorch's order), the inputs,
the masks (bool masks as 0/1 with "bool": true), the output (and attention weights), and the gradients of
L = sum(out * G) [+ sum(weights * GW)] with respect to every input and every parameter.
Every stored input (parameters, inputs, float masks, G) is rounded to a float32 value first, so the float64 results
are the exact answer for the float32 test as well: its error is then only float32 arithmetic.
Run: /usr/bin/python3 make_attention_fixtures.py
"""
import json
import torch
import torch.nn as nn

torch.set_default_dtype(torch.float64)


def number(v):
    return v if abs(v) != float("inf") else ("inf" if v > 0 else "-inf")


def t(x):
    return {"shape": list(x.shape), "data": [number(v) for v in x.detach().reshape(-1).tolist()]}


def mask(m):
    d = t(m.to(torch.float64))
    d["bool"] = m.dtype == torch.bool
    return d


def f32(x):
    """x rounded to the nearest float32, held in float64 (bool masks are left as they are)."""
    return x if x.dtype == torch.bool else x.float().double()


def case(name, module, inputs, masks, run, **options):
    """inputs: dict name -> tensor (the same tensor object may appear under several names: self-attention)."""
    module.train()
    with torch.no_grad():
        for p in module.parameters():
            p.copy_(f32(p))
    masks = {k: f32(m) for k, m in masks.items()}
    leaves = {}
    for k, v in inputs.items():
        leaves[k] = v if any(v is w for w in leaves.values()) else f32(v).requires_grad_()
    # Self-attention passes one tensor as query, key and value; keep that identity.
    named = {}
    for k, v in inputs.items():
        same = [j for j in named if inputs[j] is v]
        named[k] = named[same[0]] if same else leaves[k]
    out, weights = run(module, named, masks)
    g = f32(torch.randn(out.shape))
    loss = (out * g).sum()
    c = {"name": name, "options": options, "state_dict": {k: t(v) for k, v in module.state_dict().items()},
         "inputs": {k: t(v) for k, v in named.items()}, "same": [k for k in inputs if inputs[k] is inputs[next(iter(inputs))]],
         "masks": {k: mask(m) for k, m in masks.items()}, "output": t(out), "G": t(g)}
    if weights is not None:
        gw = f32(torch.randn(weights.shape))
        loss = loss + (weights * gw).sum()
        c["weights"] = t(weights)
        c["GW"] = t(gw)
    loss.backward()
    distinct = {}
    for k, v in named.items():
        if not any(v is w for w in distinct.values()):
            distinct[k] = v
    c["grad_inputs"] = {k: t(v.grad) for k, v in distinct.items()}
    c["grad_params"] = {k: t(p.grad) for k, p in module.named_parameters()}
    return c


def run_mha(options):
    def run(m, x, masks):
        return m(x["query"], x["key"], x["value"], key_padding_mask=masks.get("key_padding_mask"),
                 attn_mask=masks.get("attn_mask"), need_weights=True,
                 average_attn_weights=options.get("average_attn_weights", True))
    return run


def run_encoder(m, x, masks):
    return m(x["src"], masks.get("src_mask"), masks.get("src_key_padding_mask")), None


def run_decoder(m, x, masks):
    return m(x["tgt"], x["memory"], tgt_mask=masks.get("tgt_mask"), memory_mask=masks.get("memory_mask"),
             tgt_key_padding_mask=masks.get("tgt_key_padding_mask"),
             memory_key_padding_mask=masks.get("memory_key_padding_mask")), None


def run_transformer(m, x, masks):
    return m(x["src"], x["tgt"], src_mask=masks.get("src_mask"), tgt_mask=masks.get("tgt_mask"),
             src_key_padding_mask=masks.get("src_key_padding_mask"),
             memory_key_padding_mask=masks.get("memory_key_padding_mask")), None


torch.manual_seed(12)
E, H, L, S, N = 4, 2, 3, 4, 2
causal = nn.Transformer.generate_square_subsequent_mask
cases = []

x = torch.randn(L, N, E)
cases.append(case("mha_self", nn.MultiheadAttention(E, H), {"query": x, "key": x, "value": x}, {},
                  run_mha({}), kind="mha", embed_dim=E, num_heads=H))

x = torch.randn(L, N, E)
cases.append(case("mha_self_causal_padding", nn.MultiheadAttention(E, H), {"query": x, "key": x, "value": x},
                  {"attn_mask": causal(L), "key_padding_mask": torch.tensor([[False, False, False], [False, False, True]])},
                  run_mha({"average_attn_weights": False}), kind="mha", embed_dim=E, num_heads=H, average_attn_weights=False))

opts = dict(embed_dim=E, num_heads=H, kdim=3, vdim=5, batch_first=True)
cases.append(case("mha_cross_kdim_vdim_batch_first", nn.MultiheadAttention(E, H, kdim=3, vdim=5, batch_first=True),
                  {"query": torch.randn(N, L, E), "key": torch.randn(N, S, 3), "value": torch.randn(N, S, 5)},
                  {"key_padding_mask": torch.tensor([[False, True, False, False], [False, False, True, True]])},
                  run_mha({}), kind="mha", **opts))

bool3d = torch.rand(N * H, L, S) < 0.3
bool3d[:, :, 0] = False
cases.append(case("mha_cross_bool3d_bias_kv_zero_attn", nn.MultiheadAttention(E, H, add_bias_kv=True, add_zero_attn=True),
                  {"query": torch.randn(L, N, E), "key": torch.randn(S, N, E), "value": torch.randn(S, N, E)},
                  {"attn_mask": bool3d, "key_padding_mask": torch.tensor([[False, False, True, False], [True, False, False, False]])},
                  run_mha({}), kind="mha", embed_dim=E, num_heads=H, add_bias_kv=True, add_zero_attn=True))

cases.append(case("mha_unbatched_float_mask", nn.MultiheadAttention(E, H, bias=False),
                  {"query": torch.randn(L, E), "key": torch.randn(S, E), "value": torch.randn(S, E)},
                  {"attn_mask": torch.randn(L, S)}, run_mha({}), kind="mha", embed_dim=E, num_heads=H, bias=False))

F = 6
for norm_first, act, bf in [(False, "relu", False), (True, "gelu", True)]:
    layer = nn.TransformerEncoderLayer(E, H, F, dropout=0.0, activation=act, batch_first=bf, norm_first=norm_first)
    src = torch.randn(N, S, E) if bf else torch.randn(S, N, E)
    cases.append(case(f"encoder_layer_norm_first_{norm_first}_{act}", layer, {"src": src},
                      {"src_mask": causal(S), "src_key_padding_mask": torch.tensor([[False, False, False, True], [False, False, False, False]])},
                      run_encoder, kind="encoder_layer", d_model=E, nhead=H, dim_feedforward=F, activation=act,
                      batch_first=bf, norm_first=norm_first))

    layer = nn.TransformerDecoderLayer(E, H, F, dropout=0.0, activation=act, batch_first=bf, norm_first=norm_first)
    tgt = torch.randn(N, L, E) if bf else torch.randn(L, N, E)
    memory = torch.randn(N, S, E) if bf else torch.randn(S, N, E)
    cases.append(case(f"decoder_layer_norm_first_{norm_first}_{act}", layer, {"tgt": tgt, "memory": memory},
                      {"tgt_mask": causal(L), "memory_mask": torch.rand(L, S) < 0.3 if norm_first else torch.zeros(L, S, dtype=torch.bool),
                       "tgt_key_padding_mask": torch.tensor([[False, False, True], [False, False, False]]),
                       "memory_key_padding_mask": torch.tensor([[False, True, False, False], [False, False, False, True]])},
                      run_decoder, kind="decoder_layer", d_model=E, nhead=H, dim_feedforward=F, activation=act,
                      batch_first=bf, norm_first=norm_first))

layer = nn.TransformerEncoderLayer(E, H, F, dropout=0.0)
encoder = nn.TransformerEncoder(layer, 2, norm=nn.LayerNorm(E))
for p in encoder.parameters():  # the copies start equal; make the two layers differ
    p.data.add_(0.1 * torch.randn(p.shape))
cases.append(case("encoder_2_layers_final_norm", encoder, {"src": torch.randn(S, N, E)},
                  {"src_key_padding_mask": torch.tensor([[False, False, True, True], [False, False, False, False]])},
                  run_encoder, kind="encoder", d_model=E, nhead=H, dim_feedforward=F, num_layers=2))

transformer = nn.Transformer(E, H, 1, 1, F, dropout=0.0, activation="gelu", batch_first=True)
cases.append(case("transformer_1_1_gelu_batch_first", transformer, {"src": torch.randn(N, S, E), "tgt": torch.randn(N, L, E)},
                  {"tgt_mask": causal(L), "src_key_padding_mask": torch.tensor([[False, False, False, True], [False, False, False, False]]),
                   "memory_key_padding_mask": torch.tensor([[False, False, False, True], [False, False, False, False]])},
                  run_transformer, kind="transformer", d_model=E, nhead=H, dim_feedforward=F, activation="gelu", batch_first=True))

with open("attention.json", "w") as f:
    json.dump({"cases": cases}, f)
