// r1j_host_check CASE_DIR...: runs r1j_ops.cuh's arithmetic on the host for each case directory (written by
// org.r1j.cuda.check.CaseDir: case.txt with `op` and its parameters, in_NAME.bin inputs, raw little-endian) and
// writes host_NAME.bin for every output, which the JUnit test compares with the Java reference's expect_NAME.bin.
// Element functions run in index loops, row functions through HostBlock with the launch's lanes. Exit status 0
// when every case ran; a bad case names its directory and why on stderr (exit 2).
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>
#include "host_block.h"

using namespace r1j;

namespace {

struct Case {
    std::string dir;
    std::map<std::string, std::string> p;

    std::string str(const std::string& k) const {
        auto it = p.find(k);
        if (it == p.end()) throw std::runtime_error("case.txt: missing key '" + k + "'");
        return it->second;
    }
    long i(const std::string& k) const { return std::stol(str(k)); }
    double d(const std::string& k) const { return std::strtod(str(k).c_str(), nullptr); }
    float f(const std::string& k) const { return std::strtof(str(k).c_str(), nullptr); }
    bool has(const std::string& k) const { return p.count(k) != 0; }

    template <class T> std::vector<T> in(const std::string& name, long n) const {
        std::string path = dir + "/in_" + name + ".bin";
        std::ifstream s(path, std::ios::binary | std::ios::ate);
        if (!s) throw std::runtime_error("cannot read " + path);
        long bytes = (long) s.tellg();
        if (bytes != n * (long) sizeof(T))
            throw std::runtime_error(path + ": " + std::to_string(bytes) + " bytes, expected " + std::to_string(n * sizeof(T)));
        std::vector<T> v(n);
        s.seekg(0);
        s.read(reinterpret_cast<char*>(v.data()), bytes);
        return v;
    }
    template <class T> void out(const std::string& name, const std::vector<T>& v) const {
        std::string path = dir + "/host_" + name + ".bin";
        std::ofstream s(path, std::ios::binary);
        s.write(reinterpret_cast<const char*>(v.data()), (long) (v.size() * sizeof(T)));
        if (!s) throw std::runtime_error("cannot write " + path);
    }
};

Case load(const std::string& dir) {
    Case c;
    c.dir = dir;
    std::ifstream s(dir + "/case.txt");
    if (!s) throw std::runtime_error("no case.txt");
    std::string line;
    while (std::getline(s, line)) {
        if (line.empty() || line[0] == '#') continue;
        auto eq = line.find('=');
        if (eq == std::string::npos) throw std::runtime_error("case.txt: not key=value: " + line);
        c.p[line.substr(0, eq)] = line.substr(eq + 1);
    }
    return c;
}

void run(const Case& c) {
    std::string op = c.str("op");
    if (op == "rmsnorm_fwd") {
        int N = c.i("N"), C = c.i("C");
        HostBlock blk(c.i("lanes"));
        auto inp = c.in<float>("inp", (long) N * C), w = c.in<float>("w", C);
        std::vector<float> out((long) N * C), rstd(N);
        for (int n = 0; n < N; n++) rmsnorm_fwd_row(blk, out.data(), rstd.data(), inp.data(), w.data(), C, c.f("eps"), n);
        c.out("out", out);
        c.out("rstd", rstd);
    } else if (op == "rmsnorm_bwd") {
        int N = c.i("N"), C = c.i("C"), rows = c.i("rows");
        HostBlock blk(c.i("lanes"));
        auto dinp = c.in<float>("dinp", (long) N * C), dw = c.in<float>("dw", C), dout = c.in<float>("dout", (long) N * C),
             inp = c.in<float>("inp", (long) N * C), w = c.in<float>("w", C), rstd = c.in<float>("rstd", N);
        for (int n = 0; n < N; n++) rmsnorm_bwd_row(blk, dinp.data(), dout.data(), inp.data(), w.data(), rstd.data(), C, n);
        int chunks = (N + rows - 1) / rows;
        std::vector<float> part((long) chunks * C);
        for (long e = 0; e < (long) chunks * C; e++) column_partial_at(part.data(), dout.data(), inp.data(), rstd.data(), N, C, rows, e);
        for (int k = 0; k < C; k++) column_sum_add_at(dw.data(), part.data(), chunks, C, k);
        c.out("dinp", dinp);
        c.out("dw", dw);
    } else if (op == "column_sums") {
        int N = c.i("N"), C = c.i("C"), rows = c.i("rows");
        auto a = c.in<float>("a", (long) N * C), dst = c.in<float>("dst", C);
        int chunks = (N + rows - 1) / rows;
        std::vector<float> part((long) chunks * C);
        for (long e = 0; e < (long) chunks * C; e++) column_partial_at(part.data(), a.data(), nullptr, nullptr, N, C, rows, e);
        for (int k = 0; k < C; k++) column_sum_add_at(dst.data(), part.data(), chunks, C, k);
        c.out("dst", dst);
    } else if (op == "rotary") {
        long rows = c.i("rows");
        int hs = c.i("hs"), rep = c.i("rep"), tr = c.i("transposed");
        auto x = c.in<float>("x", rows * hs), cs = c.in<float>("cos", rows / rep * hs), sn = c.in<float>("sin", rows / rep * hs);
        for (long e = 0; e < rows * (hs / 2); e++) rotary_at(x.data(), cs.data(), sn.data(), hs, rep, tr, e);
        c.out("x", x);
    } else if (op == "masked_softmax") {
        int B = c.i("B"), H = c.i("H"), R = c.i("R"), S = c.i("S"), MB = c.i("MB"), G = c.i("G"), q0 = c.i("q0");
        HostBlock blk(c.i("lanes"));
        long rows = (long) B * H * R;
        auto att = c.in<float>("att", rows * S);
        std::vector<float> mask;
        std::vector<int> start;
        if (c.i("hasMask")) mask = c.in<float>("mask", (long) MB * R * S);
        if (c.i("hasStart")) start = c.in<int>("start", B);
        AttMask m{mask.empty() ? nullptr : mask.data(), MB, H, R, S, G, q0, start.empty() ? nullptr : start.data()};
        for (long r = 0; r < rows; r++) masked_softmax_row(blk, att.data(), m, r);
        c.out("att", att);
    } else if (op == "row_dot") {
        long rows = c.i("rows");
        int W = c.i("W");
        HostBlock blk(c.i("lanes"));
        auto a = c.in<float>("a", rows * W), b = c.in<float>("b", rows * W);
        std::vector<float> out(rows);
        for (long r = 0; r < rows; r++) row_dot_row(blk, out.data(), a.data(), b.data(), W, r);
        c.out("out", out);
    } else if (op == "softmax_bwd") {
        long rows = c.i("rows");
        int S = c.i("S");
        auto datt = c.in<float>("datt", rows * S), att = c.in<float>("att", rows * S), rd = c.in<float>("rowDot", rows);
        for (long e = 0; e < rows * S; e++) softmax_bwd_at(datt.data(), att.data(), rd.data(), S, e);
        c.out("datt", datt);
    } else if (op == "swiglu") {
        long n = c.i("n");
        auto gate = c.in<float>("gate", n), up = c.in<float>("up", n);
        std::vector<float> h(n), sig(n);
        for (long e = 0; e < n; e++) swiglu_at(h.data(), sig.data(), gate.data(), up.data(), e);
        c.out("h", h);
        c.out("sig", sig);
    } else if (op == "swiglu_bwd") {
        long n = c.i("n");
        auto dh = c.in<float>("dh", n), gate = c.in<float>("gate", n), up = c.in<float>("up", n), sig = c.in<float>("sig", n);
        std::vector<float> dg(n), du(n);
        for (long e = 0; e < n; e++) swiglu_bwd_at(dg.data(), du.data(), dh.data(), gate.data(), up.data(), sig.data(), e);
        c.out("dgate", dg);
        c.out("dup", du);
    } else if (op == "gather") {
        int N = c.i("N"), C = c.i("C"), Vr = c.i("V");
        auto rows = c.in<int>("rows", N);
        auto table = c.in<float>("table", (long) Vr * C);
        std::vector<float> out((long) N * C);
        for (long e = 0; e < (long) N * C; e++) gather_at(out.data(), rows.data(), table.data(), C, e);
        c.out("out", out);
    } else if (op == "scatter_add") {
        int N = c.i("N"), C = c.i("C"), Vr = c.i("V"), U = c.i("U");
        auto table = c.in<float>("table", (long) Vr * C), values = c.in<float>("values", (long) N * C);
        auto uniq = c.in<int>("uniq", U), starts = c.in<int>("starts", U + 1), order = c.in<int>("order", N);
        for (long e = 0; e < (long) U * C; e++) scatter_add_at(table.data(), values.data(), uniq.data(), starts.data(), order.data(), C, e);
        c.out("table", table);
    } else if (op == "copy_strided") {
        CopyLayout l;
        long n = 1;
        for (int j = 0; j < R1J_COPY_RANK; j++) {
            l.shape[j] = c.i("n" + std::to_string(j));
            l.dst[j] = c.i("d" + std::to_string(j));
            l.src[j] = c.i("s" + std::to_string(j));
            n *= l.shape[j];
        }
        auto src = c.in<float>("src", c.i("srcLength"));
        std::vector<float> dst(c.i("dstLength"), 0.0f);
        for (long e = 0; e < n; e++) copy_strided_at(dst.data() + c.i("dstOffset"), src.data() + c.i("srcOffset"), l, e);
        c.out("dst", dst);
    } else if (op == "logprob") {
        int M = c.i("M"), V = c.i("V");
        HostBlock blk(c.i("lanes"));
        auto logits = c.in<float>("logits", (long) M * V);
        auto targets = c.in<int>("targets", M);
        std::vector<float> probs((long) M * V), logp(M), ent(M);
        for (int m = 0; m < M; m++) logprob_row(blk, probs.data(), logp.data(), ent.data(), logits.data(), targets.data(), V, c.f("invT"), m);
        c.out("probs", probs);
        c.out("logp", logp);
        c.out("entropy", ent);
    } else if (op == "logprob_bwd") {
        int M = c.i("M"), V = c.i("V");
        auto dlogp = c.in<float>("dlogp", M), probs = c.in<float>("probs", (long) M * V);
        auto targets = c.in<int>("targets", M);
        std::vector<float> dl((long) M * V);
        for (long e = 0; e < (long) M * V; e++) logprob_bwd_at(dl.data(), dlogp.data(), probs.data(), targets.data(), V, c.f("invT"), e);
        c.out("dlogits", dl);
    } else if (op == "entropy_bwd") {
        int M = c.i("M"), V = c.i("V");
        auto dl = c.in<float>("dlogits", (long) M * V), probs = c.in<float>("probs", (long) M * V);
        auto h = c.in<float>("h", M), coef = c.in<float>("coef", M);
        for (long e = 0; e < (long) M * V; e++) entropy_bwd_at(dl.data(), probs.data(), h.data(), coef.data(), V, e);
        c.out("dlogits", dl);
    } else if (op == "grpo_token") {
        int B = c.i("B"), T = c.i("T");
        long n = (long) B * T;
        GrpoParams o{(int) c.i("lossKind"), (int) c.i("kl"), (int) c.i("hasDelta"), c.d("epsLow"), c.d("epsHigh"),
                     c.d("delta"), c.d("beta"), c.d("tauPos"), c.d("tauNeg")};
        auto logp = c.in<float>("logp", n), adv = c.in<float>("adv", B), mask = c.in<float>("mask", n), rw = c.in<float>("rowWeight", B);
        std::vector<float> old, ref, isw, em;
        if (c.i("hasOld")) old = c.in<float>("old", n);
        if (c.i("hasRef")) ref = c.in<float>("ref", n);
        if (c.i("hasIsw")) isw = c.in<float>("isw", n);
        if (c.i("hasEmask")) em = c.in<float>("emask", n);
        std::vector<float> loss(n), dl(n), kl(n);
        std::vector<int> flags(n);
        for (long j = 0; j < n; j++)
            grpo_token_at(loss.data(), dl.data(), kl.data(), flags.data(), logp.data(), old.empty() ? nullptr : old.data(),
                          ref.empty() ? nullptr : ref.data(), adv.data(), mask.data(), rw.data(), isw.empty() ? nullptr : isw.data(),
                          em.empty() ? nullptr : em.data(), o, T, j);
        c.out("dlogp", dl);
        c.out("flags", flags);
        // what GrpoLoss reports, summed in token order as the device check sums the device's terms
        std::vector<double> lossSum(1), klSum(1), low(1), high(1);
        for (long j = 0; j < n; j++) {
            lossSum[0] += loss[j];
            klSum[0] += kl[j];
            if (flags[j] & 1) low[0] += mask[j];
            if (flags[j] & 2) high[0] += mask[j];
        }
        c.out("lossSum", lossSum);
        c.out("klSum", klSum);
        c.out("lowCount", low);
        c.out("highCount", high);
    } else if (op == "adamw") {
        long n = c.i("n");
        AdamWParams p{c.f("keep"), c.f("b1"), c.f("c1"), c.f("b2"), c.f("c2"), c.f("step"), c.f("vScale"), c.f("eps")};
        auto w = c.in<float>("w", n), g = c.in<float>("g", n), m = c.in<float>("m", n), v = c.in<float>("v", n);
        for (long e = 0; e < n; e++) adamw_at(w.data(), g.data(), m.data(), v.data(), p, e);
        c.out("w", w);
        c.out("m", m);
        c.out("v", v);
    } else if (op == "sum") {
        long n = c.i("n");
        int blocks = c.i("blocks"), sq = c.i("squares");
        HostBlock blk(c.i("lanes"));
        auto x = c.in<float>("x", n);
        std::vector<double> part(blocks), out(1);
        for (int b = 0; b < blocks; b++) sum_partial_row(blk, part.data(), x.data(), n, sq, b, blocks);
        sum_final_row(blk, out.data(), part.data(), blocks, 0);
        c.out("out", out);
    } else if (op == "sample") {
        int rows = c.i("rows"), V = c.i("V");
        HostBlock blk(c.i("lanes"));
        SampleParams sp{c.d("temperature"), c.d("topP"), c.d("minP"), (int) c.i("topK")};
        auto logits = c.in<float>("logits", (long) rows * V);
        auto u = c.in<double>("u", rows);
        std::vector<double> work((long) rows * V);
        std::vector<int> token(rows);
        std::vector<float> logp(rows);
        for (int r = 0; r < rows; r++) sample_row(blk, token.data(), logp.data(), work.data(), logits.data(), u.data(), sp, V, r);
        c.out("token", token);
        c.out("logp", logp);
    } else if (op == "cast_f32_bf16") {
        long n = c.i("n");
        auto in = c.in<float>("x", n);
        std::vector<uint16_t> out(n);
        for (long e = 0; e < n; e++) cast_f32_bf16_at(out.data(), in.data(), e);
        c.out("out", out);
    } else if (op == "cast_bf16_f32") {
        long n = c.i("n");
        auto in = c.in<uint16_t>("x", n);
        std::vector<float> out(n);
        for (long e = 0; e < n; e++) cast_bf16_f32_at(out.data(), in.data(), e);
        c.out("out", out);
    } else if (op == "add_bias") {
        int N = c.i("N"), C = c.i("C");
        auto out = c.in<float>("out", (long) N * C), b = c.in<float>("b", C);
        for (long e = 0; e < (long) N * C; e++) add_bias_at(out.data(), b.data(), C, e);
        c.out("out", out);
    } else if (op == "gemm") {
        // cuBLAS on the device; nothing of ours to check on the host
    } else {
        throw std::runtime_error("unknown op '" + op + "'");
    }
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: r1j_host_check CASE_DIR...\n");
        return 2;
    }
    int failed = 0;
    for (int k = 1; k < argc; k++) {
        try {
            run(load(argv[k]));
        } catch (const std::exception& e) {
            std::fprintf(stderr, "%s: %s\n", argv[k], e.what());
            failed++;
        }
    }
    return failed ? 2 : 0;
}
