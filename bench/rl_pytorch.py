#!/usr/bin/env python3
"""The RL workload of `sharpgrad bench --only rl`, in Python and PyTorch (issue #16).

cartpole_steps_per_s: CartPole-v1 with gym's equations (Euler, tau = 0.02), in plain Python as gym writes it, random
actions, resetting at each episode end. dqn_updates_per_s_batch32: one DQN update per iteration -- sample 32
transitions from a 5000-transition replay memory (numpy), Q-network 4-64-64-2 (ReLU), target network forward without
grad, gather, Huber loss, backward, clip_grad_norm_(10), Adam(1e-3) step. Same shapes and steps as RlWorkload.cs.
Prints one JSON object per measurement, like the reference script. Usage: python3 bench/rl_pytorch.py [--threads N]
"""
import json
import math
import random
import sys
import time

import numpy as np
import torch
from torch import nn


class CartPole:
    gravity, masscart, masspole, length, force_mag, tau = 9.8, 1.0, 0.1, 0.5, 10.0, 0.02
    total_mass = masspole + masscart
    polemass_length = masspole * length
    theta_threshold = 12 * 2 * math.pi / 360
    x_threshold = 2.4

    def __init__(self, rng):
        self.rng = rng
        self.reset()

    def reset(self):
        self.state = [self.rng.uniform(-0.05, 0.05) for _ in range(4)]
        self.steps = 0
        return list(self.state)

    def step(self, action):
        x, x_dot, theta, theta_dot = self.state
        force = self.force_mag if action == 1 else -self.force_mag
        costheta, sintheta = math.cos(theta), math.sin(theta)
        temp = (force + self.polemass_length * theta_dot ** 2 * sintheta) / self.total_mass
        thetaacc = (self.gravity * sintheta - costheta * temp) / (
            self.length * (4.0 / 3.0 - self.masspole * costheta ** 2 / self.total_mass))
        xacc = temp - self.polemass_length * thetaacc * costheta / self.total_mass
        x, x_dot = x + self.tau * x_dot, x_dot + self.tau * xacc
        theta, theta_dot = theta + self.tau * theta_dot, theta_dot + self.tau * thetaacc
        self.state = [x, x_dot, theta, theta_dot]
        self.steps += 1
        terminated = x < -self.x_threshold or x > self.x_threshold or theta < -self.theta_threshold or theta > self.theta_threshold
        truncated = not terminated and self.steps >= 500
        return list(self.state), 1.0, terminated, truncated


def report(workload, value, unit):
    print(json.dumps({"workload": workload, "value": round(value, 4), "unit": unit, "threads": torch.get_num_threads()}))


def main():
    threads = int(sys.argv[sys.argv.index("--threads") + 1]) if "--threads" in sys.argv else 1
    torch.set_num_threads(threads)
    rng = random.Random(0)
    env = CartPole(rng)

    def steps(count):
        for _ in range(count):
            _, _, terminated, truncated = env.step(rng.randrange(2))
            if terminated or truncated:
                env.reset()

    steps(10_000)
    start = time.perf_counter()
    steps(200_000)
    report("cartpole_steps_per_s", 200_000 / (time.perf_counter() - start), "steps/s")

    torch.manual_seed(0)
    online = nn.Sequential(nn.Linear(4, 64), nn.ReLU(), nn.Linear(64, 64), nn.ReLU(), nn.Linear(64, 2))
    target = nn.Sequential(nn.Linear(4, 64), nn.ReLU(), nn.Linear(64, 64), nn.ReLU(), nn.Linear(64, 2))
    target.load_state_dict(online.state_dict())
    optimizer = torch.optim.Adam(online.parameters(), lr=1e-3)
    n = 5000
    states, next_states = np.zeros((n, 4), np.float32), np.zeros((n, 4), np.float32)
    actions, rewards, dones = np.zeros(n, np.int64), np.zeros(n, np.float32), np.zeros(n, np.float32)
    obs = env.reset()
    for i in range(n):
        a = rng.randrange(2)
        nxt, r, terminated, truncated = env.step(a)
        states[i], actions[i], rewards[i], next_states[i], dones[i] = obs, a, r, nxt, float(terminated)
        obs = env.reset() if terminated or truncated else nxt
    np_rng = np.random.default_rng(0)

    def update():
        idx = np_rng.integers(0, n, 32)
        s, a, r = torch.from_numpy(states[idx]), torch.from_numpy(actions[idx]), torch.from_numpy(rewards[idx])
        s2, d = torch.from_numpy(next_states[idx]), torch.from_numpy(dones[idx])
        with torch.no_grad():
            y = r + 0.99 * (1 - d) * target(s2).max(1).values
        q = online(s).gather(1, a.unsqueeze(1)).squeeze(1)
        loss = nn.functional.huber_loss(q, y)
        optimizer.zero_grad()
        loss.backward()
        nn.utils.clip_grad_norm_(online.parameters(), 10)
        optimizer.step()
        return loss.item()

    for _ in range(100):
        update()
    start = time.perf_counter()
    for _ in range(2000):
        update()
    report("dqn_updates_per_s_batch32", 2000 / (time.perf_counter() - start), "updates/s")


if __name__ == "__main__":
    main()
