package io.vishwaops.standalone;

public final class StandalonePlatform {
    public static void main(String[] args) {
    }
}
