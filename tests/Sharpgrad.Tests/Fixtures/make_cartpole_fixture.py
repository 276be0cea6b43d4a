"""Writes cartpole.json: a CartPole-v1 trajectory computed in plain Python, independently of Sharpgrad.

The equations are the standard formulation (Florian 2007, as gym's CartPole-v1 with "euler" kinematics):
    temp      = (F + m_p l thetadot^2 sin(theta)) / (m_c + m_p)
    thetaacc  = (g sin(theta) - cos(theta) temp) / (l (4/3 - m_p cos^2(theta) / (m_c + m_p)))
    xacc      = temp - m_p l thetaacc cos(theta) / (m_c + m_p)
followed by one explicit Euler step of tau = 0.02 for x, xdot, theta, thetadot (each from the old derivatives).
Run: python3 make_cartpole_fixture.py
"""
import json
import math

GRAVITY, MASSCART, MASSPOLE, LENGTH, FORCE_MAG, TAU = 9.8, 1.0, 0.1, 0.5, 10.0, 0.02
TOTAL_MASS = MASSCART + MASSPOLE
POLEMASS_LENGTH = MASSPOLE * LENGTH
THETA_THRESHOLD = 12 * 2 * math.pi / 360
X_THRESHOLD = 2.4


def step(state, action):
    x, x_dot, theta, theta_dot = state
    force = FORCE_MAG if action == 1 else -FORCE_MAG
    costheta, sintheta = math.cos(theta), math.sin(theta)
    temp = (force + POLEMASS_LENGTH * theta_dot ** 2 * sintheta) / TOTAL_MASS
    thetaacc = (GRAVITY * sintheta - costheta * temp) / (LENGTH * (4.0 / 3.0 - MASSPOLE * costheta ** 2 / TOTAL_MASS))
    xacc = temp - POLEMASS_LENGTH * thetaacc * costheta / TOTAL_MASS
    new = [x + TAU * x_dot, x_dot + TAU * xacc, theta + TAU * theta_dot, theta_dot + TAU * thetaacc]
    terminated = not (-X_THRESHOLD <= new[0] <= X_THRESHOLD and -THETA_THRESHOLD <= new[2] <= THETA_THRESHOLD)
    return new, terminated


def main():
    initial = [0.01, -0.02, 0.03, 0.04]
    # The action sequence is fixed here and replayed by the C# test: a simple controller balances for 150 steps
    # (pushing toward the side the pole falls), then the cart is pushed right until the episode terminates.
    states, actions, terminated = [], [], False
    state = initial
    while not terminated:
        a = (1 if state[2] + 0.5 * state[3] + 0.05 * state[1] > 0 else 0) if len(actions) < 150 else 1
        state, terminated = step(state, a)
        actions.append(a)
        states.append(state)
    out = {
        "initial": initial,
        "actions": actions,
        "states": {"shape": [len(states), 4], "data": [v for s in states for v in s]},
        "terminated_at_last": terminated,
    }
    with open("cartpole.json", "w") as f:
        json.dump(out, f)
    print(f"{len(states)} steps, terminated={terminated}")


if __name__ == "__main__":
    main()
