package org.r1j.cuda;

/** What the device check reports about the GPU it ran on. */
public record DeviceInfo(int ordinal, String name, int ccMajor, int ccMinor, int multiprocessors, long totalBytes,
                         int driverVersion) {
    public String sm() {
        return "sm_" + ccMajor + ccMinor;
    }

    @Override
    public String toString() {
        return String.format("%s (%s, %d SMs, %.1f GiB), driver API %d.%d", name, sm(), multiprocessors, totalBytes / (double) (1L << 30),
                driverVersion / 1000, driverVersion % 1000 / 10);
    }
}
