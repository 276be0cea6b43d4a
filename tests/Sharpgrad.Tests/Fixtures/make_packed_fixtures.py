"""PyTorch 1.13 golden values for packed sequences (issue #12): writes packed.json.

"pack": pack_padded_sequence of a [T, N, 2] batch with unsorted lengths (enforce_sorted=False): data, batch_sizes,
sorted_indices, unsorted_indices; then pad_packed_sequence(batch_first=True, padding_value=-1, total_length=5).
"layers": a bidirectional 2-layer LSTM and a bidirectional batch-first GRU in float64 run on a packed batch with initial
states: the state dict, the padded input, the lengths, the packed output's data, h_n (and c_n), and the gradients of
L = sum(out.data * G) + sum(h_n * GH) [+ sum(c_n * GC)] with respect to the padded input and the initial states.
Run: /usr/bin/python3 make_packed_fixtures.py
"""
import json
import torch
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

torch.set_default_dtype(torch.float64)
torch.manual_seed(12)


def t(x):
    return {"shape": list(x.shape), "data": x.detach().reshape(-1).tolist()}


def pack_case():
    x = torch.randn(4, 3, 2)
    lengths = [2, 4, 1]
    packed = pack_padded_sequence(x, torch.tensor(lengths), enforce_sorted=False)
    padded, out_lengths = pad_packed_sequence(packed, batch_first=True, padding_value=-1.0, total_length=5)
    return {"input": t(x), "lengths": lengths, "data": t(packed.data), "batch_sizes": packed.batch_sizes.tolist(),
            "sorted_indices": packed.sorted_indices.tolist(), "unsorted_indices": packed.unsorted_indices.tolist(),
            "padded": t(padded), "padded_lengths": out_lengths.tolist()}


def layer_case(name, module, x, lengths, batch_first, lstm):
    x = x.clone().requires_grad_()
    states = module.num_layers * (2 if module.bidirectional else 1)
    h0 = torch.randn(states, len(lengths), module.hidden_size).requires_grad_()
    c0 = torch.randn(states, len(lengths), module.hidden_size).requires_grad_() if lstm else None
    packed = pack_padded_sequence(x, torch.tensor(lengths), batch_first=batch_first, enforce_sorted=False)
    out, hn = module(packed, (h0, c0) if lstm else h0)
    cn = None
    if lstm:
        hn, cn = hn
    g, gh = torch.randn(out.data.shape), torch.randn(hn.shape)
    loss = (out.data * g).sum() + (hn * gh).sum()
    case = {"name": name, "batch_first": batch_first, "lengths": lengths,
            "state_dict": {k: t(v) for k, v in module.state_dict().items()},
            "input": t(x), "h0": t(h0), "output": t(out.data), "h_n": t(hn), "G": t(g), "GH": t(gh)}
    if lstm:
        gc = torch.randn(cn.shape)
        loss = loss + (cn * gc).sum()
        case.update({"c0": t(c0), "c_n": t(cn), "GC": t(gc)})
    loss.backward()
    case["grad_input"] = t(x.grad)
    case["grad_h0"] = t(h0.grad)
    if lstm:
        case["grad_c0"] = t(c0.grad)
    return case


layers = [
    layer_case("lstm_2layers_bidirectional", torch.nn.LSTM(3, 4, num_layers=2, bidirectional=True), torch.randn(5, 3, 3), [3, 5, 2], False, True),
    layer_case("gru_bidirectional_batch_first", torch.nn.GRU(3, 4, bidirectional=True, batch_first=True), torch.randn(4, 6, 3), [6, 1, 4, 6], True, False),
]
with open("packed.json", "w") as f:
    json.dump({"pack": pack_case(), "layers": layers}, f)
