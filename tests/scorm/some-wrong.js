module.exports = require('./answer.js')('some-wrong');
