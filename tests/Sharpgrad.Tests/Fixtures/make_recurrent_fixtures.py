"""PyTorch 1.13 golden values for the recurrent layers (issue #12): writes recurrent.json.

Each case builds a torch.nn recurrent module in float64 with a fixed seed and stores its state dict (names in
PyTorch's order), the input, the initial state (if any), the outputs, and the gradients of
L = sum(out * G) + sum(h_n * GH) [+ sum(c_n * GC)] with respect to the input, the initial state and every parameter.
Every stored input (parameters, x, states, G) is rounded to a float32 value first, so the float64 results are the
exact answer for the float32 test as well: its error is then only float32 arithmetic, not the rounding of the data.
Run: /usr/bin/python3 make_recurrent_fixtures.py
"""
import json
import torch

torch.set_default_dtype(torch.float64)


def t(x):
    return {"shape": list(x.shape), "data": x.detach().reshape(-1).tolist()}


def f32(x):
    """x rounded to the nearest float32, held in float64."""
    return x.float().double()


def round_parameters(module):
    with torch.no_grad():
        for p in module.parameters():
            p.copy_(f32(p))


def layer_case(name, module, x, h0=None, c0=None, **options):
    round_parameters(module)
    x = f32(x).requires_grad_()
    state = None
    leaves = [x]
    if h0 is not None:
        h0 = f32(h0).requires_grad_()
        leaves.append(h0)
        if c0 is not None:
            c0 = f32(c0).requires_grad_()
            leaves.append(c0)
            state = (h0, c0)
        else:
            state = h0
    out, hn = module(x, state)
    cn = None
    if isinstance(hn, tuple):
        hn, cn = hn
    g = f32(torch.randn(out.shape))
    gh = f32(torch.randn(hn.shape))
    loss = (out * g).sum() + (hn * gh).sum()
    case = {"name": name, "options": options, "state_dict": {k: t(v) for k, v in module.state_dict().items()},
            "input": t(x), "output": t(out), "h_n": t(hn), "G": t(g), "GH": t(gh)}
    if cn is not None:
        gc = f32(torch.randn(cn.shape))
        loss = loss + (cn * gc).sum()
        case["c_n"] = t(cn)
        case["GC"] = t(gc)
    loss.backward()
    case["grad_input"] = t(x.grad)
    if h0 is not None:
        case["h0"] = t(h0)
        case["grad_h0"] = t(h0.grad)
    if c0 is not None:
        case["c0"] = t(c0)
        case["grad_c0"] = t(c0.grad)
    case["grad_params"] = {k: t(p.grad) for k, p in module.named_parameters()}
    return case


def cell_case(name, module, x, h0, c0=None, **options):
    round_parameters(module)
    x = f32(x).requires_grad_()
    h0 = f32(h0).requires_grad_()
    if c0 is not None:
        c0 = f32(c0).requires_grad_()
        h, c = module(x, (h0, c0))
    else:
        h, c = module(x, h0), None
    gh = f32(torch.randn(h.shape))
    loss = (h * gh).sum()
    case = {"name": name, "options": options, "state_dict": {k: t(v) for k, v in module.state_dict().items()},
            "input": t(x), "h0": t(h0), "h_n": t(h), "GH": t(gh)}
    if c is not None:
        gc = f32(torch.randn(c.shape))
        loss = loss + (c * gc).sum()
        case["c0"] = t(c0)
        case["c_n"] = t(c)
        case["GC"] = t(gc)
    loss.backward()
    case["grad_input"] = t(x.grad)
    case["grad_h0"] = t(h0.grad)
    if c0 is not None:
        case["grad_c0"] = t(c0.grad)
    case["grad_params"] = {k: t(p.grad) for k, p in module.named_parameters()}
    return case


torch.manual_seed(12)
I, H, T, N = 3, 4, 4, 2
cases = []

m = torch.nn.LSTM(I, H, num_layers=2, bidirectional=True)
cases.append(layer_case("lstm_2layers_bidirectional", m, torch.randn(T, N, I), torch.randn(4, N, H), torch.randn(4, N, H),
                        kind="lstm", num_layers=2, bidirectional=True))

m = torch.nn.LSTM(I, 5, num_layers=2, batch_first=True, proj_size=2)
cases.append(layer_case("lstm_projection_batch_first", m, torch.randn(N, T, I), torch.randn(2, N, 2), torch.randn(2, N, 5),
                        kind="lstm", hidden_size=5, num_layers=2, batch_first=True, proj_size=2))

m = torch.nn.LSTM(I, H, bias=False)
cases.append(layer_case("lstm_no_bias_no_state", m, torch.randn(T, N, I), kind="lstm", bias=False))

m = torch.nn.GRU(I, H, num_layers=2, batch_first=True)
cases.append(layer_case("gru_2layers_batch_first", m, torch.randn(N, T, I), torch.randn(2, N, H),
                        kind="gru", num_layers=2, batch_first=True))

m = torch.nn.GRU(I, H, bidirectional=True)
cases.append(layer_case("gru_bidirectional_no_state", m, torch.randn(T, N, I), kind="gru", bidirectional=True))

m = torch.nn.RNN(I, H, num_layers=2)
cases.append(layer_case("rnn_tanh_2layers_unbatched", m, torch.randn(T, I), torch.randn(2, H), kind="rnn", num_layers=2))

m = torch.nn.RNN(I, H, nonlinearity="relu", bidirectional=True, num_layers=2)
cases.append(layer_case("rnn_relu_bidirectional", m, torch.randn(T, N, I), torch.randn(4, N, H),
                        kind="rnn", nonlinearity="relu", num_layers=2, bidirectional=True))

cells = [
    cell_case("lstm_cell", torch.nn.LSTMCell(I, H), torch.randn(N, I), torch.randn(N, H), torch.randn(N, H), kind="lstm"),
    cell_case("gru_cell", torch.nn.GRUCell(I, H), torch.randn(N, I), torch.randn(N, H), kind="gru"),
    cell_case("rnn_tanh_cell", torch.nn.RNNCell(I, H), torch.randn(N, I), torch.randn(N, H), kind="rnn"),
    cell_case("rnn_relu_cell_unbatched", torch.nn.RNNCell(I, H, nonlinearity="relu"), torch.randn(I), torch.randn(H),
              kind="rnn", nonlinearity="relu"),
]

with open("recurrent.json", "w") as f:
    json.dump({"layers": cases, "cells": cells}, f)
