// Types for cdktf's jest matchers (registered at runtime by test/setup.js).
import 'cdktf/lib/testing/adapters/jest';
