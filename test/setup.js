// Registers cdktf's jest matchers (toHaveResourceWithProperties, ...).
require('cdktf/lib/testing/adapters/jest');
const { Testing } = require('cdktf');
Testing.setupJest();
